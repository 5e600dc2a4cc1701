"""Provides a packing plan of inclusive job design: departments shared out by capacity, tasks packed without tools.

At firm scale the candidates' hours usually exceed the doable tasks' hours
by a few percent, and most tasks are doable without a tool by many
candidates. Then the optimum of level 2 is its simple bound (every doable
task moved, no tool bought), and proving it is finding such a plan: a bin
packing with a department per bin. HiGHS does not find one on the whole
model in minutes (the bins are nearly full and many candidates are alike);
this comes close in a fraction of a second, and `engine.redesign.lns`
closes the rest department by department:

1. Each candidate gets a department: largest capacity first to the one with
   the least to spare, then single moves and swaps while they raise the
   smallest spare share of any department's hours (max-min). A candidate's
   capacity there is the smaller of its hours and what it could do there
   without a tool. (A MILP for this was tried: HiGHS needs seconds to prove
   the max-min, and with a time limit its answer is not reproducible.)
2. Per department, tasks without tools go largest first into the fullest
   function they fit in (best fit decreasing); where the department's
   functions cannot take all its tasks, the most saving per hour first.
3. A task that fits nowhere is put in by an ejection chain: into a function
   with too little room, pushing out a task just large enough, which then
   goes elsewhere the same way (a few steps deep); else by moving several
   small tasks of one function each to where it fits.
4. Another round with the departments that left tasks out asking for that
   many hours more; the best round is kept.

The plan never needs a tool, keeps every function within its hours, and
drops functions left under the minimum hours; `engine.redesign.greedy`
compares it with the other strategies. It is a start, never a proof on its
own: a level is proven when a plan reaches the level's bound.
"""

from __future__ import annotations

from fractions import Fraction

from engine.redesign.problem import Instance

Plan = tuple[dict[int, list[int]], dict[int, list[str]]]
"""Tasks and tools per placed candidate."""
Key = str | None
"""A department (None: no departments, or a workstation that names none)."""

CHAIN_DEPTH = 4
"""Steps of an ejection chain: each step pushes out a smaller task, and the rooms are about a task wide."""
ROUNDS = 4
"""Partitions tried: each round adds to a department the hours its packing left out."""
CHAIN_TRIES = 500
"""Steps tried per task that fits nowhere, so that a hopeless task costs milliseconds, not seconds."""


def _key(inst: Instance, task: int) -> Key:
    return inst.department_of(task) if inst.departments else None


def _partition(inst: Instance, bare: dict[int, set[int]], margin: dict[Key, int]) -> dict[int, Key]:
    """Candidate -> department, so that every department's doable hours (plus its margin) get capacity to spare.

    A candidate's capacity in a department is the smaller of its hours and
    the hours it could do there without a tool; only departments where that
    reaches the minimum hours are open to it.
    """
    demand: dict[Key, int] = {}
    for task in {k for ks in bare.values() for k in ks}:
        demand[_key(inst, task)] = demand.get(_key(inst, task), 0) + inst.tasks[task].units
    demand = {key: h + margin.get(key, 0) for key, h in demand.items()}
    reach: dict[tuple[int, Key], int] = {}
    for c, ks in bare.items():
        for task in ks:
            reach[(c, _key(inst, task))] = reach.get((c, _key(inst, task)), 0) + inst.tasks[task].units
    pairs = sorted((((c, key), min(r, inst.max_units[c])) for (c, key), r in reach.items()
                    if r >= inst.min_units and key in demand), key=lambda p: (p[0][0], str(p[0][1])))
    if not pairs:
        return {}
    cap = dict.fromkeys(sorted(demand, key=str), 0)
    units = dict(pairs)
    opened: dict[int, list[Key]] = {}
    for (c, key), _u in pairs:
        opened.setdefault(c, []).append(key)
    home: dict[int, Key] = {}
    # Largest capacity first, each to the open department with the least to spare (as LPT scheduling does).
    for c in sorted(opened, key=lambda c: (-max(units[(c, key)] for key in opened[c]), c)):
        home[c] = min(opened[c], key=lambda key: (_spare(cap[key], demand[key]), str(key)))
        cap[home[c]] += units[(c, home[c])]
    # Then single moves and swaps while they raise the spare shares, smallest first (max-min, lexicographic).
    while True:
        now = _shares(cap, demand)
        best: tuple[list[float], list[tuple[int, Key]]] | None = None
        for c in sorted(opened):
            for key in opened[c]:
                if key != home[c]:
                    trial = _moved(cap, [(c, home[c], key)], units)
                    if (got := _shares(trial, demand)) > (best[0] if best else now):
                        best = (got, [(c, key)])
        for i, c in enumerate(sorted(opened)):
            for d in sorted(opened)[i + 1:]:
                a, b = home[c], home[d]
                if a == b or b not in opened[c] or a not in opened[d]:
                    continue
                trial = _moved(cap, [(c, a, b), (d, b, a)], units)
                if (got := _shares(trial, demand)) > (best[0] if best else now):
                    best = (got, [(c, b), (d, a)])
        if best is None:
            return home
        for c, key in best[1]:
            cap[home[c]] -= units[(c, home[c])]
            home[c] = key
            cap[key] += units[(c, key)]


def _spare(cap: int, demand: int) -> float:
    """The capacity a department has to spare, as a share of its hours."""
    return (cap - demand) / demand


def _shares(cap: dict[Key, int], demand: dict[Key, int]) -> list[float]:
    """Every department's spare share, smallest first: larger lists (compared in order) are better partitions."""
    return sorted(_spare(cap[k], demand[k]) for k in cap)


def _moved(cap: dict[Key, int], moves: list[tuple[int, Key, Key]], units: dict[tuple[int, Key], int]) -> dict[Key, int]:
    """The capacities after moving candidates (candidate, from, to)."""
    out = dict(cap)
    for c, a, b in moves:
        out[a] -= units[(c, a)]
        out[b] += units[(c, b)]
    return out


class _Bins:
    """Functions being packed: each candidate's tasks and load, and who may take a task without a tool."""

    def __init__(self, inst: Instance, able: dict[int, list[int]]) -> None:
        self.inst = inst
        self.able = able
        """Task -> the candidates of its department who can do it without a tool."""
        self.tasks: dict[int, list[int]] = {c: [] for cs in able.values() for c in cs}
        self.load = dict.fromkeys(self.tasks, 0)
        self.tries = 0

    def room(self, c: int) -> int:
        return self.inst.max_units[c] - self.load[c]

    def put(self, c: int, k: int) -> None:
        self.tasks[c].append(k)
        self.load[c] += self.inst.tasks[k].units

    def take(self, c: int, k: int) -> None:
        self.tasks[c].remove(k)
        self.load[c] -= self.inst.tasks[k].units

    def best_fit(self, k: int) -> bool:
        """Put k into the fullest function it fits in; False when none has room."""
        units = self.inst.tasks[k].units
        fits = [c for c in self.able[k] if self.room(c) >= units]
        if not fits:
            return False
        self.put(min(fits, key=lambda c: (self.room(c), c)), k)
        return True

    def top_up(self, c: int) -> None:
        """Move tasks to function c from functions that keep their minimum hours, until c has its own."""
        owner = {k: d for d, ks in self.tasks.items() for k in ks}
        mine = sorted((k for k, cs in self.able.items() if c in cs and owner.get(k, c) != c),
                      key=lambda k: (-self.inst.tasks[k].units, k))
        for k in mine:
            if self.load[c] >= self.inst.min_units:
                return
            size, d = self.inst.tasks[k].units, owner[k]
            if self.room(c) >= size and self.load[d] - size >= self.inst.min_units:
                self.take(d, k)
                self.put(c, k)

    def make_room(self, k: int) -> bool:
        """Put k into a function after moving some of its other tasks, each to a function with room for it.

        What a chain with one task pushed out per function misses: the room
        k needs is in pieces, each smaller than any one task of the function.
        """
        units = self.inst.tasks[k].units
        for c in sorted(self.able[k], key=lambda c: (-self.room(c), c)):
            moves: list[tuple[int, int]] = []
            for j in sorted(self.tasks[c], key=lambda j: (self.inst.tasks[j].units, j)):
                if self.room(c) >= units:
                    break
                size = self.inst.tasks[j].units
                if self.load[c] - size + units < self.inst.min_units:
                    continue
                to = [d for d in self.able[j] if d != c and self.room(d) >= size]
                if to:
                    d = min(to, key=lambda d: (self.room(d), d))
                    self.take(c, j)
                    self.put(d, j)
                    moves.append((j, d))
            if self.room(c) >= units:
                self.put(c, k)
                return True
            for j, d in reversed(moves):
                self.take(d, j)
                self.put(c, j)
        return False

    def chain(self, k: int, depth: int, banned: frozenset[int]) -> bool:
        """Put k in, pushing out one task per function along the way (at most `depth` of them).

        `banned`: the function k was just pushed out of. Only that one: a chain may come back to a function
        it passed (a swap of two tasks between two functions is such a chain); the depth ends it.
        """
        units = self.inst.tasks[k].units
        able = [c for c in self.able[k] if c not in banned]
        fits = [c for c in able if self.room(c) >= units]
        if fits:
            self.put(min(fits, key=lambda c: (self.room(c), c)), k)
            return True
        if depth == 0:
            return False
        moves = []
        for c in able:
            need = units - self.room(c)
            for j in self.tasks[c]:
                size = self.inst.tasks[j].units
                # j makes room for k, and the function keeps its minimum hours.
                if size >= need and self.load[c] + units - size >= self.inst.min_units:
                    direct = any(self.room(d) >= size for d in self.able[j] if d != c and d not in banned)
                    # Pushed-out tasks that fit somewhere as they are first (the chain ends there), then small ones.
                    moves.append((not direct, size, j, c))
        for _direct, _size, j, c in sorted(moves):
            self.tries += 1
            if self.tries > CHAIN_TRIES:
                return False
            self.take(c, j)
            self.put(c, k)
            if self.chain(j, depth - 1, frozenset({c})):
                return True
            self.take(c, k)
            self.put(c, j)
        return False


def packed(inst: Instance) -> Plan:
    """Departments shared out, then every task without a tool packed where it fits (see the module docstring).

    A department whose tasks did not all fit asks for that many hours more
    capacity in the next round; the plan that moves the most saving is kept.
    """
    bare: dict[int, set[int]] = {}
    for o in inst.options:
        if not o.needs and inst.tasks[o.task].units <= inst.max_units[o.candidate]:
            bare.setdefault(o.candidate, set()).add(o.task)
    margin: dict[Key, int] = {}
    best: Plan = ({}, {})
    rank = (0, 0)
    for _round in range(ROUNDS):
        tasks = _pack(inst, bare, _partition(inst, bare, margin))
        moved = {k for ks in tasks.values() for k in ks}
        if (len(tasks), sum(inst.tasks[k].saving_cents for k in moved)) > rank:
            best = (tasks, {c: [] for c in tasks})
            rank = (len(tasks), sum(inst.tasks[k].saving_cents for k in moved))
        left = {k for ks in bare.values() for k in ks} - moved
        if not left:
            break
        for k in left:
            margin[_key(inst, k)] = margin.get(_key(inst, k), 0) + inst.tasks[k].units
    return best


def _pack(inst: Instance, bare: dict[int, set[int]], home: dict[int, Key]) -> dict[int, list[int]]:
    """Tasks per candidate: best fit decreasing in each candidate's department, then ejection chains."""
    able: dict[int, list[int]] = {}
    for c, ks in sorted(bare.items()):
        for k in ks:
            if c in home and home[c] == _key(inst, k):
                able.setdefault(k, []).append(c)
    bins = _Bins(inst, able)
    room: dict[Key, int] = {}
    for c, key in home.items():
        room[key] = room.get(key, 0) + inst.max_units[c]
    for k in able:
        room[_key(inst, k)] -= inst.tasks[k].units

    def order(k: int) -> tuple[Fraction, int, int]:
        # Where the tasks fit, largest first packs best; where they do not, the most saving per hour first.
        m = inst.tasks[k]
        short = room[_key(inst, k)] < 0
        return (-Fraction(m.saving_cents, m.units) if short else Fraction(0), -m.units, k)

    left = [k for k in sorted(able, key=order) if not bins.best_fit(k)]
    for k in sorted(left, key=lambda k: (-inst.tasks[k].saving_cents, k)):
        if sum(bins.room(c) for c in {d for j in able if _key(inst, j) == _key(inst, k) for d in able[j]}) \
                < inst.tasks[k].units:
            continue  # the department's functions have not that much room together: no chain can help
        bins.tries = 0
        if not bins.chain(k, CHAIN_DEPTH, frozenset()):
            bins.make_room(k)
    # A function under the minimum hours takes tasks from functions that keep theirs (the saving is the same
    # whoever does a task); one that still falls short is none, and its tasks go where they fit.
    short = [c for c in bins.tasks if bins.load[c] < inst.min_units]
    for c in short:
        bins.top_up(c)
    for c in [c for c in short if bins.load[c] < inst.min_units]:
        bins.able = {k: [d for d in cs if d != c] for k, cs in bins.able.items()}
        for k in list(bins.tasks[c]):
            bins.take(c, k)
            bins.best_fit(k)
    return {c: sorted(ks) for c, ks in bins.tasks.items() if ks and bins.load[c] >= inst.min_units}
