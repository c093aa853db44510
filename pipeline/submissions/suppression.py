"""Which cells of one submission are suppressed: primary rules, then complementary suppression.

The rules and the order of choices are those of docs/submissions.md ("Disclosure control"); this
module only decides, for one council and snapshot at a time, from plain Python values (building
them with polars filters for each of 23,000 submissions was most of the cost at national scale).

A suppressed cell is *determined* when the published cells and the additive relations pin it down:
when every solution of the equations restricted to the suppressed cells has that cell fixed, i.e.
every vector of the null space is zero there. One SVD per round finds them all (the former test
took one matrix rank per suppressed cell; tests/submissions/disclosure_reference.py keeps it, and
test_disclosure_reference.py checks both give the same cells).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

MIN_WORKERS = 5

Cell = tuple  # ("n", team) | ("above", scenario_id, team) | ("band", band_order)
# (scenario_id, cap_experienced, cap_newly_qualified, workers above the cap) for the team 'all'
Scenario = tuple[str, float, float, int]
_ZERO = 1e-9  # a squared null-space part below this is zero (the matrices hold 0 and +-1 only)


class Council:
    """The cells and the additive relations between them for one submission."""

    def __init__(
        self,
        groups: Iterable[tuple[str, int]],  # (team, case_holders), 'all' included
        caps: Iterable[tuple[str, str, int]],  # (scenario_id, team, workers_above_cap)
        bands: list[tuple[int, float, int]],  # (band_order, caseload_from, workers)
        scenarios: list[Scenario],
    ):
        self.value: dict[Cell, int] = {("n", team): n for team, n in groups}
        self.value |= {("above", s, team): v for s, team, v in caps}
        self.value |= {("band", b): v for b, _, v in bands}
        self.equations: list[dict[Cell, int]] = []
        teams = [c[1] for c in self.value if c[0] == "n" and c[1] != "all"]
        if teams:
            self.equations.append({("n", "all"): 1, **{("n", t): -1 for t in teams}})
            for s, *_ in scenarios:
                self.equations.append({("above", s, "all"): 1, **{("above", s, t): -1 for t in teams}})
        if bands:
            self.equations.append({("n", "all"): 1, **{("band", b): -1 for b, _, _ in bands}})
        starts = {start for _, start, _ in bands}
        for s, experienced, newly_qualified, above in scenarios:
            for edge in {experienced, newly_qualified} & starts:  # a cap on a band edge
                tail = [(b, v) for b, start, v in bands if start >= edge]
                if sum(v for _, v in tail) == above:
                    self.equations.append({("above", s, "all"): 1, **{("band", b): -1 for b, _ in tail}})
        self.suppressed: set[Cell] = set()

    def suppress_group(self, team: str) -> None:
        self.suppressed |= {
            c for c in self.value if (c[0] == "n" and c[1] == team) or (c[0] == "above" and c[2] == team)
        }

    def primary(self) -> None:
        if self.value.get(("n", "all"), 0) < MIN_WORKERS:
            self.suppressed = set(self.value)
            return
        for cell, v in self.value.items():
            if cell[0] == "n" and v < MIN_WORKERS:
                self.suppress_group(cell[1])
            elif cell[0] == "band" and 1 <= v < MIN_WORKERS:
                self.suppressed.add(cell)
            elif cell[0] == "above":
                n = self.value[("n", cell[2])]
                if 1 <= v < MIN_WORKERS or 1 <= n - v < MIN_WORKERS:
                    self.suppressed.add(cell)

    def arrays(self) -> None:
        """The cells as arrays for the rounds of complementary suppression (ids in repr order)."""
        self.cells = sorted(self.value, key=repr)
        index = {c: i for i, c in enumerate(self.cells)}
        self.values = np.array([self.value[c] for c in self.cells])
        self.matrix = np.zeros((len(self.equations), len(self.cells)))
        for row, equation in enumerate(self.equations):
            for cell, coefficient in equation.items():
                self.matrix[row, index[cell]] = coefficient
        self.is_n = np.array([c[0] == "n" for c in self.cells])
        self.total = np.array([_is_total(c) for c in self.cells])
        self.hidden = np.array([c in self.suppressed for c in self.cells], dtype=bool)

    def unknowns(self) -> tuple[np.ndarray, np.ndarray]:
        """(ids of suppressed cells in some equation, the equations with one, on those cells only)."""
        ids = np.flatnonzero(self.hidden)
        sub = self.matrix[:, ids]
        sub = sub[(sub != 0).any(axis=1)]
        used = (sub != 0).any(axis=0)
        return ids[used], sub[:, used]

    def step(self, exposed: np.ndarray) -> bool:
        """Suppress one more cell beside the first exposed one; False when nothing is left to pick.

        The order of choices: a team's count before other cells; then, beside it, the smallest
        published cell that is not a total, non-zero before zero; ties by repr.
        """
        first = exposed & self.is_n if (exposed & self.is_n).any() else exposed
        cell = int(np.argmax(first))
        open_cells = ~self.hidden
        near = (self.matrix[self.matrix[:, cell] != 0] != 0).any(axis=0) & open_cells
        for pool in (near & ~self.total, open_cells & ~self.total, near, open_cells):
            if pool.any():
                break
        else:
            return False
        ids = np.flatnonzero(pool)
        v = self.values[ids]
        pick = int(ids[np.lexsort((ids, v, v == 0))[0]])
        if self.is_n[pick]:
            team = self.cells[pick][1]
            self.hidden |= np.array(
                [(c[0] == "n" and c[1] == team) or (c[0] == "above" and c[2] == team) for c in self.cells]
            )
        else:
            self.hidden[pick] = True
        return True

    def suppressed_now(self) -> set[Cell]:
        return {c for c, h in zip(self.cells, self.hidden, strict=True) if h}


def _is_total(cell: Cell) -> bool:
    return cell[-1] == "all"


def suppress(councils: list[Council], batch: int = 2000) -> list[set[Cell]]:
    """Primary rules, then rounds of complementary suppression until nothing suppressed can be worked out.

    Each round takes, for every council with a determined cell, one SVD (many councils' small
    matrices in one NumPy call) and one more suppressed cell.
    """
    for council in councils:
        council.primary()
        council.arrays()
    active = [c for c in councils if c.hidden.any()]
    while active:
        active.sort(key=lambda c: c.hidden.sum())  # similar sizes share a batch: less padding
        still = []
        for start in range(0, len(active), batch):
            part = active[start : start + batch]
            for council, exposed in zip(part, _exposed(part), strict=True):
                if exposed.any() and council.step(exposed):
                    still.append(council)
        active = still
    return [c.suppressed_now() for c in councils]


def _exposed(councils: list[Council]) -> list[np.ndarray]:
    """For each council, a mask over its cells: suppressed cells the equations pin down exactly.

    Cell j is pinned down when e_j lies in the row space of the equations (restricted to the
    suppressed cells): no solution can move it. The matrices are padded with zero rows and columns
    to one shape, which changes no real cell's answer, and decomposed in one call.
    """
    problems = [c.unknowns() for c in councils]
    rows = max(m.shape[0] for _, m in problems)
    cols = max(m.shape[1] for _, m in problems)
    out = [np.zeros(len(c.cells), dtype=bool) for c in councils]
    if not rows or not cols:
        return out
    stack = np.zeros((len(problems), rows, cols))
    for k, (_, m) in enumerate(problems):
        stack[k, : m.shape[0], : m.shape[1]] = m
    _, singular, vt = np.linalg.svd(stack, full_matrices=False)
    tol = singular.max(axis=1) * max(rows, cols) * np.finfo(float).eps
    rank = (singular > tol[:, None]).sum(axis=1)
    in_rows = np.arange(singular.shape[1])[None, :] < rank[:, None]  # the rows of vt that span the row space
    # The squared length of e_j's part in the null space: 1 minus its part in the row space.
    fixed = 1 - ((vt * in_rows[:, :, None]) ** 2).sum(axis=1) < _ZERO
    for k, (ids, _) in enumerate(problems):
        out[k][ids] = fixed[k, : len(ids)]
    return out
