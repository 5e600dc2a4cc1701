"""Provides the exact set-up search of contract section 5 (model, bounds, search), under one import path.

`engine.setups.model` scores one pair in exact integers over bit sets,
`engine.setups.bounds` bounds what a node's subtree can reach and at what
cost, `engine.setups.search` runs the branch and bound round by round.
"""

from engine.setups.model import PairModel, Point, Setup, dominates
from engine.setups.search import NODE_LIMIT, TIME_LIMIT, SearchResult, search_setups

__all__ = ["NODE_LIMIT", "TIME_LIMIT", "PairModel", "Point", "SearchResult", "Setup", "dominates", "search_setups"]
