"""The negotiation workbench: Raiffa's additive scoring table and what follows from it.

- Weights w_i = W_i / sum(W), their weights u_i likewise. A package takes one option per
  issue; its value to us V = sum(w_i * s_i), to them U = sum(u_i * t_i), both 0-100.
- Equivalent offers (MESOs, Medvec and Galinsky): the packages with |V - T| <= tolerance that
  use no `never` option, by U descending; the offers are taken in that order, each differing
  from every offer already taken in at least two issues, up to three. The equivalent package
  worst for them is the one never to offer.
- Priced concessions: a one-step move on one issue costs us w_i * (s_a - s_b) points and gains
  them u_i * (t_b - t_a); a point is worth (best - worst) / (100 * w_price) of the `figures`
  issue's currency. Cheapest for us per point they gain first.
- The BATNA (Fisher and Ertel; Malhotra and Bazerman): each alternative's expected value is
  p * value - cost; the largest is the BATNA, and the reservation value.

Pure functions of the Negotiation; codes and numbers, no words (those are in
text/workbench_words.py).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Literal

from briefgen.dossier.model import Alternative, Negotiation, NegotiationIssue

EPSILON = 1e-9  # V and U are sums of floats: 70.00000000000001 is 70
MAX_OFFERS = 3
MIN_DIFFERENT = 2  # issues in which two offers must differ
DEFAULT_STEPS = 5  # a range without a step is considered in five steps
DEFAULT_TOLERANCE = 2.0
UNPLANNED = 50.0  # an issue with no planned option counts this much toward the default T
MAX_PACKAGES = 1_000_000  # beyond this the table is not enumerated (a check says so)


@dataclass(frozen=True)
class Option:
    """One option of an issue: `value` as written, or `amount` on a range."""

    value: str | None
    amount: float | None
    ours: float  # our score, 0-100
    theirs: float  # theirs, 0-100
    planned: bool = False
    never: bool = False


@dataclass(frozen=True)
class Issue:
    name: str
    weight: float  # normalised: the weights sum to 1
    their_weight: float
    options: tuple[Option, ...]
    figures: bool = False
    worst: float | None = None  # a range's ends
    best: float | None = None

    @property
    def is_range(self) -> bool:
        return self.worst is not None


@dataclass(frozen=True)
class Package:
    """One option per issue (indexes into each issue's options), with its values."""

    choices: tuple[int, ...]
    ours: float  # V
    theirs: float  # U

    def differs(self, other: Package) -> int:
        """In how many issues the two packages differ."""
        return sum(a != b for a, b in zip(self.choices, other.choices, strict=True))


@dataclass(frozen=True)
class Move:
    """Moving one issue from one option to another: what it costs us, what it gains them."""

    issue: int
    start: int  # option indexes
    end: int
    cost: float  # points of V we give up
    gain: float  # points of U they get
    money: float | None  # the cost in the `figures` issue's currency, when there is one

    @property
    def rate(self) -> float:
        """Our cost per point they gain: the lower, the sooner to concede it."""
        return self.cost / self.gain if self.gain > 0 else float("inf")


@dataclass(frozen=True)
class PricedConcession:
    index: int  # in negotiation.concessions
    move: Move


@dataclass(frozen=True)
class Expected:
    name: str
    value: float
    p: float
    cost: float
    expected: float  # p * value - cost


@dataclass(frozen=True)
class Batna:
    """The best alternative (index into `alternatives`) and every alternative's expected value."""

    alternatives: tuple[Expected, ...]
    best: int

    @property
    def chosen(self) -> Expected:
        return self.alternatives[self.best]

    @property
    def reservation(self) -> float:
        return self.chosen.expected


TargetSource = Literal["written", "planned"]


@dataclass(frozen=True)
class Workbench:
    issues: tuple[Issue, ...]
    target: float  # T
    target_source: TargetSource
    tolerance: float
    packages: int  # how many packages the table makes
    equivalent: tuple[Package, ...]  # every package within the tolerance, by U descending
    offers: tuple[Package, ...]  # the equivalent offers to make, at most three
    never_offer: Package | None  # equal for us, worst for them
    point_value: float | None  # money per point of V, from the `figures` issue
    currency: str | None
    moves: tuple[Move, ...]  # every one-step concession, cheapest per point first
    concessions: tuple[PricedConcession, ...]  # the dossier's concessions that name a move


@dataclass(frozen=True)
class Alternatives:
    ours: Batna | None
    theirs: Batna | None
    their_walk_away: float | None  # as written, else their BATNA's reservation value
    their_walk_away_derived: bool


# The table.


def _normalised(values: list[float]) -> list[float]:
    total = sum(values)
    return [v / total for v in values] if total > 0 else [1 / len(values)] * len(values)


def _range_ends(issue: NegotiationIssue, negotiation: Negotiation) -> tuple[float, float] | None:
    if issue.range is not None:
        return issue.range[0], issue.range[1]
    if issue.figures and negotiation.walk_away is not None and negotiation.opening is not None:
        return negotiation.walk_away, negotiation.opening
    return None


def range_score(worst: float, best: float, amount: float) -> float:
    """A figure's score on a range: 0 at the worst end, 100 at the best, linear between."""
    if best == worst:
        return 100.0
    return max(0.0, min(100.0, (amount - worst) / (best - worst) * 100))


def _range_options(
    worst: float, best: float, step: float | None, planned: float | None
) -> tuple[Option, ...]:
    span = best - worst
    if span == 0:
        return (Option(None, worst, 100.0, 0.0, planned is not None),)
    size = abs(step) if step else abs(span) / DEFAULT_STEPS
    count = max(1, round(abs(span) / size + EPSILON)) if size else 1
    count = min(count, 1000)
    direction = 1 if span > 0 else -1
    amounts = [worst + direction * size * k for k in range(count + 1)]
    amounts = [a for a in amounts if (a - best) * direction <= EPSILON * abs(span)]
    if abs(amounts[-1] - best) > EPSILON * abs(span):
        amounts.append(best)  # a step that does not divide the range (check reports it)
    options = []
    for amount in amounts:
        ours = range_score(worst, best, amount)
        mine = planned is not None and abs(amount - planned) <= EPSILON * abs(span)
        options.append(Option(None, amount, ours, 100.0 - ours, mine))
    return tuple(options)


def table(negotiation: Negotiation) -> tuple[Issue, ...]:
    """The issues with normalised weights and every option scored; issues that cannot be
    scored (a range with no ends) are left out."""
    usable: list[tuple[NegotiationIssue, tuple[Option, ...], tuple[float, float] | None]] = []
    for issue in negotiation.issues:
        if issue.options:
            options = tuple(
                Option(
                    o.value,
                    None,
                    o.score,
                    o.theirs if o.theirs is not None else 100.0 - o.score,
                    o.planned,
                    o.never,
                )
                for o in issue.options
            )
            usable.append((issue, options, None))
            continue
        ends = _range_ends(issue, negotiation)
        if ends is None:
            continue
        planned = negotiation.target if issue.figures else None
        usable.append((issue, _range_options(*ends, issue.step, planned), ends))
    if not usable:
        return ()
    weights = _normalised([i.weight for i, _, _ in usable])
    theirs = _normalised([i.their_weight or i.weight for i, _, _ in usable])
    return tuple(
        Issue(
            issue.name,
            w,
            u,
            options,
            issue.figures,
            ends[0] if ends else None,
            ends[1] if ends else None,
        )
        for (issue, options, ends), w, u in zip(usable, weights, theirs, strict=True)
    )


def planned_value(issues: tuple[Issue, ...], target: float | None = None) -> float:
    """T by default: the target price on the `figures` issue, each planned option elsewhere,
    50 on an issue with no plan."""
    total = 0.0
    for issue in issues:
        planned = [o for o in issue.options if o.planned]
        if issue.is_range and issue.figures and target is not None:
            assert issue.worst is not None
            assert issue.best is not None
            score = range_score(issue.worst, issue.best, target)
        else:
            score = planned[0].ours if planned else UNPLANNED
        total += issue.weight * score
    return total


def package_count(issues: tuple[Issue, ...]) -> int:
    count = 1
    for issue in issues:
        count *= len(issue.options)
    return count


def packages_near(issues: tuple[Issue, ...], target: float, tolerance: float) -> list[Package]:
    """Every package with |V - T| <= tolerance and no `never` option: by U descending, a tie
    by V descending, then in table order."""
    columns = [
        [
            (index, issue.weight * o.ours, issue.their_weight * o.theirs)
            for index, o in enumerate(issue.options)
            if not o.never
        ]
        for issue in issues
    ]
    low, high = target - tolerance - EPSILON, target + tolerance + EPSILON
    # Partial sums issue by issue, pruning the branches that can no longer reach the window.
    most = [0.0] * (len(columns) + 1)
    least = [0.0] * (len(columns) + 1)
    for i in range(len(columns) - 1, -1, -1):
        ours = [c[1] for c in columns[i]] or [0.0]
        most[i] = most[i + 1] + max(ours)
        least[i] = least[i + 1] + min(ours)
    if any(not column for column in columns):
        return []
    # Sort keys and packages as plain tuples (U and V negated and rounded, so that float noise
    # does not break a tie): 46,656 packages are sorted in a few milliseconds.
    found: list[tuple[float, float, tuple[int, ...], float, float]] = []
    last = len(columns) - 1

    def walk(depth: int, choices: tuple[int, ...], v: float, u: float) -> None:
        bound_most, bound_least = most[depth + 1], least[depth + 1]
        for index, ours, theirs in columns[depth]:
            nv = v + ours
            if nv + bound_most < low or nv + bound_least > high:
                continue
            if depth == last:
                nu = u + theirs
                found.append((-round(nu, 9), -round(nv, 9), (*choices, index), nv, nu))
            else:
                walk(depth + 1, (*choices, index), nv, u + theirs)

    walk(0, (), 0.0, 0.0)
    found.sort()
    return [Package(choices, v, u) for _, _, choices, v, u in found]


def choose_offers(equivalent: list[Package]) -> tuple[Package, ...]:
    """Up to three, in U order, each differing from every one taken in two issues or more.
    Fewer when fewer qualify: never padded."""
    taken: list[Package] = []
    for package in equivalent:
        if all(package.differs(other) >= MIN_DIFFERENT for other in taken):
            taken.append(package)
            if len(taken) == MAX_OFFERS:
                break
    return tuple(taken)


def point_value(issues: tuple[Issue, ...]) -> float | None:
    """Money per point of V: (best - worst) / (100 * w_price) on the `figures` issue."""
    for issue in issues:
        if issue.figures and issue.is_range and issue.weight > 0:
            assert issue.worst is not None
            assert issue.best is not None
            return abs(issue.best - issue.worst) / (100 * issue.weight)
    return None


def move(issues: tuple[Issue, ...], where: int, start: int, end: int) -> Move:
    issue = issues[where]
    a, b = issue.options[start], issue.options[end]
    cost = issue.weight * (a.ours - b.ours)
    gain = issue.their_weight * (b.theirs - a.theirs)
    rate = point_value(issues)
    return Move(where, start, end, cost, gain, cost * rate if rate is not None else None)


def one_step_moves(issues: tuple[Issue, ...]) -> tuple[Move, ...]:
    """Every move to a neighbouring option that costs us nothing or more and gains them
    something, never onto a `never` option; cheapest for us per point they gain first."""
    moves = []
    for where, issue in enumerate(issues):
        for start in range(len(issue.options)):
            for end in (start - 1, start + 1):
                if not 0 <= end < len(issue.options) or issue.options[end].never:
                    continue
                found = move(issues, where, start, end)
                if found.cost >= -EPSILON and found.gain > EPSILON:
                    moves.append(found)
    moves.sort(key=lambda m: (round(m.rate, 9), -round(m.gain, 9), m.issue, m.start))
    return tuple(moves)


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _option_index(issue: Issue, written: str) -> int | None:
    if issue.is_range:
        try:
            amount = float(written.replace(",", "").strip())
        except ValueError:
            return None
        for index, option in enumerate(issue.options):
            if option.amount is not None and abs(option.amount - amount) <= EPSILON * abs(amount):
                return index
        return None
    for index, option in enumerate(issue.options):
        if option.value is not None and _fold(option.value) == _fold(written):
            return index
    return None


def _priced_move(issues: tuple[Issue, ...], name: str, start: str, end: str) -> Move | None:
    """A move between any two options of an issue, or two figures anywhere on its range."""
    for where, issue in enumerate(issues):
        if _fold(issue.name) != _fold(name):
            continue
        a, b = _option_index(issue, start), _option_index(issue, end)
        if a is not None and b is not None:
            return move(issues, where, a, b)
        if not issue.is_range:
            return None
        try:
            x, y = (float(v.replace(",", "").strip()) for v in (start, end))
        except ValueError:
            return None
        assert issue.worst is not None
        assert issue.best is not None
        sx, sy = (range_score(issue.worst, issue.best, v) for v in (x, y))
        cost = issue.weight * (sx - sy)
        gain = issue.their_weight * (sx - sy)  # theirs is 100 minus ours on a range
        rate = point_value(issues)
        return Move(where, -1, -1, cost, gain, cost * rate if rate is not None else None)
    return None


def workbench(negotiation: Negotiation | None) -> Workbench | None:
    """The whole workbench of a negotiation with a scoring table; None without one."""
    if negotiation is None or not negotiation.issues:
        return None
    issues = table(negotiation)
    if not issues:
        return None
    meso = negotiation.meso
    if meso is not None and meso.value is not None:
        target, source = float(meso.value), "written"
    else:
        target, source = planned_value(issues, negotiation.target), "planned"
    tolerance = float(meso.tolerance) if meso is not None else DEFAULT_TOLERANCE
    count = package_count(issues)
    near = packages_near(issues, target, tolerance) if count <= MAX_PACKAGES else []
    offers = choose_offers(near)
    taken = {id(p) for p in offers}
    rest = [p for p in near if id(p) not in taken]
    priced = []
    for index, concession in enumerate(negotiation.concessions):
        if concession.issue and concession.from_ and concession.to:
            found = _priced_move(issues, concession.issue, concession.from_, concession.to)
            if found is not None:
                priced.append(PricedConcession(index, found))
    return Workbench(
        issues=issues,
        target=target,
        target_source=source,  # type: ignore[arg-type]
        tolerance=tolerance,
        packages=count,
        equivalent=tuple(near),
        offers=offers,
        never_offer=rest[-1] if rest else None,
        point_value=point_value(issues),
        currency=negotiation.currency,
        moves=one_step_moves(issues),
        concessions=tuple(priced),
    )


# The alternatives.


def batna(alternatives: list[Alternative]) -> Batna | None:
    """Each alternative's expected value p * value - cost; the best is the first largest."""
    if not alternatives:
        return None
    expected = tuple(
        Expected(a.name, a.value, a.p, a.cost, a.p * a.value - a.cost) for a in alternatives
    )
    best = max(range(len(expected)), key=lambda i: (expected[i].expected, -i))
    return Batna(expected, best)


def alternatives(negotiation: Negotiation | None) -> Alternatives | None:
    """Both sides' BATNAs; their reservation value fills their_walk_away when not written."""
    if negotiation is None or not (negotiation.alternatives or negotiation.their_alternatives):
        return None
    ours, theirs = batna(negotiation.alternatives), batna(negotiation.their_alternatives)
    written = negotiation.their_walk_away
    derived = written is None and theirs is not None
    their_walk_away = theirs.reservation if derived and theirs is not None else written
    return Alternatives(ours, theirs, their_walk_away, derived)


Direction = Literal["accepts-worse", "refuses-better"]
BATNA_MARGIN = 0.10  # a walk-away this far from the BATNA is worth a warning


def walk_away_off(
    side: Literal["seller", "buyer"], walk_away: float | None, reservation: float | None
) -> Direction | None:
    """When our walk-away is more than 10 % off the BATNA: a seller below it (a buyer above it)
    would accept a deal worse than the alternative; the other way, would walk away from a
    deal better than it."""
    if walk_away is None or reservation is None:
        return None
    if abs(walk_away - reservation) <= BATNA_MARGIN * abs(reservation):
        return None
    below = walk_away < reservation
    if side == "seller":
        return "accepts-worse" if below else "refuses-better"
    return "refuses-better" if below else "accepts-worse"


def all_packages(issues: tuple[Issue, ...]) -> list[Package]:
    """Every package, unfiltered (the benchmark's floor and the tests' oracle)."""
    found = []
    for choices in itertools.product(*(range(len(i.options)) for i in issues)):
        v = sum(i.weight * i.options[c].ours for i, c in zip(issues, choices, strict=True))
        u = sum(i.their_weight * i.options[c].theirs for i, c in zip(issues, choices, strict=True))
        found.append(Package(tuple(choices), v, u))
    return found
