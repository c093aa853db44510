"""Which cells are suppressed, for every submission at once: primary rules, then complementary suppression.

The rules and the order of choices are docs/submissions.md's ("Disclosure control"). Every
submission has the same kinds of cell (a count per team, above-cap counts per scenario and team,
band counts), so all of them are laid out on one grid of cells (ids in repr order, the order the
choices break ties by) and each rule is an array operation over all submissions:

- primary: a group under 5 hides all; a team under 5 hides its group; counts of 1-4 (and above-cap
  counts whose complement is 1-4) are hidden;
- rounds of complementary suppression: a hidden cell is *determined* when it lies in the row space
  of the additive equations restricted to the hidden cells (no solution can move it); one batched
  eigendecomposition per round finds them for every submission, and each one with one hides one more cell
  (beside the first determined cell, a team's count first: the smallest published cell that is not
  a total, non-zero before zero, ties by repr), until none is determined.

tests/support/disclosure_reference.py is the former one-submission-at-a-time implementation;
test_disclosure_reference.py checks both hide the same cells.
"""

from __future__ import annotations

import numpy as np
import polars as pl

MIN_WORKERS = 5
# The matrices hold 0 and +-1 only and are small: their non-zero eigenvalues are far from zero, and a
# cell's squared part outside the row space is either 0 (up to rounding) or far from it.
_RANK_TOL = 1e-9  # eigenvalues of M M' below this share of the largest are zero
_ZERO = 1e-6
_CHUNK = 4000  # submissions per batched SVD (bounded memory)


class Grid:
    """The cells of every submission (values, which exist) and the equations between them."""

    def __init__(self, groups: pl.DataFrame, caps: pl.DataFrame, bands: pl.DataFrame):
        self.ids: list[str] = groups["submission_id"].unique(maintain_order=True).to_list()
        teams = sorted(set(groups["team"]) | set(caps["team"]))
        scenarios = (
            caps.filter(pl.col("team") == "all")
            .select("scenario_id", "cap_experienced", "cap_newly_qualified")
            .unique("scenario_id", maintain_order=True)
        )
        starts = dict(bands.select("band_order", "caseload_from").unique("band_order").iter_rows())
        self.cells = sorted(
            [("n", t) for t in teams]
            + [("above", s, t) for s in scenarios["scenario_id"] for t in teams]
            + [("band", b) for b in starts],
            key=repr,
        )
        index = {c: i for i, c in enumerate(self.cells)}
        self.values = np.zeros((len(self.ids), len(self.cells)), dtype=np.int64)
        self.exists = np.zeros_like(self.values, dtype=bool)
        at = pl.DataFrame(
            {"submission_id": self.ids, "at": range(len(self.ids))}, schema_overrides={"at": pl.Int64}
        )
        for frame, value, kind, keys in (
            (groups, "case_holders", "n", ["team"]),
            (caps, "workers_above_cap", "above", ["scenario_id", "team"]),
            (bands, "workers", "band", ["band_order"]),
        ):
            cells = [c for c in self.cells if c[0] == kind]
            where = pl.DataFrame([c[1:] for c in cells], schema=frame.select(keys).schema, orient="row")
            where = where.with_columns(cell=pl.Series([index[c] for c in cells], dtype=pl.Int64))
            found = (
                frame.select("submission_id", *keys, value).join(at, on="submission_id").join(where, on=keys)
            )
            self.values[found["at"].to_numpy(), found["cell"].to_numpy()] = found[value].to_numpy()
            self.exists[found["at"].to_numpy(), found["cell"].to_numpy()] = True
        self.is_n = np.array([c[0] == "n" for c in self.cells], dtype=bool)
        self.total = np.array([c[-1] == "all" for c in self.cells], dtype=bool)
        self.group = np.array(  # for a team's count: every cell of that team's group
            [[c[0] == "n" and d[-1] == c[1] and d[0] != "band" for d in self.cells] for c in self.cells]
        )
        self.equations = self._equations(teams, scenarios, starts, index)

    def _equations(self, teams: list[str], scenarios: pl.DataFrame, starts: dict, index: dict) -> np.ndarray:
        """(submissions, equations, cells): each equation's coefficients, zero where it does not hold."""
        rows: list[tuple[np.ndarray, np.ndarray]] = []  # (coefficients over cells, holds per submission)
        parts = [t for t in teams if t != "all"]
        has_teams = self.exists[:, [index[("n", t)] for t in parts]].any(axis=1)
        bands = [index[("band", b)] for b in starts]
        if "all" in teams:
            rows.append((self._coefficients(("n", "all"), [("n", t) for t in parts], index), has_teams))
            for s in scenarios["scenario_id"]:
                whole = ("above", s, "all")
                held = has_teams & self.exists[:, index[whole]]
                rows.append((self._coefficients(whole, [("above", s, t) for t in parts], index), held))
            rows.append(
                (
                    self._coefficients(("n", "all"), [("band", b) for b in starts], index),
                    self.exists[:, bands].any(1),
                )
            )
            for s, experienced, newly_qualified in scenarios.iter_rows():
                whole = ("above", s, "all")
                for edge in {experienced, newly_qualified} & set(starts.values()):  # a cap on a band edge
                    tail = [b for b, start in starts.items() if start >= edge]
                    ids = [index[("band", b)] for b in tail]
                    edge_band = index[("band", next(b for b, start in starts.items() if start == edge))]
                    sums = (self.values[:, ids] * self.exists[:, ids]).sum(axis=1)
                    held = self.exists[:, index[whole]] & self.exists[:, edge_band]
                    held &= sums == self.values[:, index[whole]]
                    rows.append((self._coefficients(whole, [("band", b) for b in tail], index), held))
        if not rows:
            return np.zeros((len(self.ids), 0, len(self.cells)))
        coefficients = np.stack([c for c, _ in rows])  # (equations, cells)
        holds = np.stack([h for _, h in rows], axis=1)  # (submissions, equations)
        return holds[:, :, None] * coefficients[None, :, :] * self.exists[:, None, :]

    def _coefficients(self, whole: tuple, parts: list[tuple], index: dict) -> np.ndarray:
        out = np.zeros(len(self.cells))
        out[index[whole]] = 1
        out[[index[p] for p in parts]] = -1
        return out

    def primary(self) -> np.ndarray:
        """Hidden cells by the primary rules, (submissions, cells)."""
        n_of = np.array([self.cells.index(("n", c[-1])) if c[0] != "band" else 0 for c in self.cells])
        v, exists = self.values, self.exists
        hidden = exists & (self.is_n[None, :] & (v < MIN_WORKERS))
        hidden = exists & ((hidden.astype(np.int64) @ self.group.astype(np.int64)) > 0)  # whole groups
        band = np.array([c[0] == "band" for c in self.cells])
        hidden |= exists & band & (v >= 1) & (v < MIN_WORKERS)
        above = np.array([c[0] == "above" for c in self.cells])
        rest = v[:, n_of] - v
        hidden |= exists & above & (((v >= 1) & (v < MIN_WORKERS)) | ((rest >= 1) & (rest < MIN_WORKERS)))
        n_all = v[:, self.cells.index(("n", "all"))] * exists[:, self.cells.index(("n", "all"))]
        return np.where((n_all < MIN_WORKERS)[:, None], exists, hidden)


def _determined(equations: np.ndarray, hidden: np.ndarray) -> np.ndarray:
    """Hidden cells that every solution of the equations (on the hidden cells) fixes, per submission.

    Cell j is fixed when e_j is in the row space of M (the equations on the hidden cells): its
    projection m_j' pinv(M M') m_j is 1. M M' is equations x equations (about 11 x 11), so one
    batched symmetric eigendecomposition does it for thousands of submissions.
    """
    out = np.zeros_like(hidden)
    if equations.shape[1] == 0:
        return out
    for start in range(0, len(hidden), _CHUNK):
        part = slice(start, start + _CHUNK)
        matrix = equations[part] * hidden[part][:, None, :]
        values, vectors = np.linalg.eigh(matrix @ matrix.transpose(0, 2, 1))
        keep = values > _RANK_TOL * values.max(axis=1, initial=0.0)[:, None]
        inverse = np.where(keep, 1 / np.where(keep, values, 1), 0)  # pseudo-inverse of the eigenvalues
        along = vectors.transpose(0, 2, 1) @ matrix  # each column in the eigenvector basis
        projected = (along**2 * inverse[:, :, None]).sum(axis=1)
        out[part] = hidden[part] & (np.abs(1 - projected) < _ZERO)
    return out


def suppress(grid: Grid) -> np.ndarray:
    """Hidden cells after primary and complementary suppression, (submissions, cells)."""
    hidden = grid.primary()
    ids = np.arange(len(grid.cells))
    active = np.flatnonzero(hidden.any(axis=1))
    while len(active):
        exposed = _determined(grid.equations[active], hidden[active])
        active = active[exposed.any(axis=1)]
        exposed = exposed[exposed.any(axis=1)]
        if not len(active):
            break
        first = np.where((exposed & grid.is_n).any(axis=1)[:, None], exposed & grid.is_n, exposed)
        cell = first.argmax(axis=1)  # ids are in repr order: the first is the smallest repr
        nonzero = grid.equations[active] != 0
        beside = (nonzero & nonzero[np.arange(len(active)), :, cell][:, :, None]).any(axis=1)
        open_cells = grid.exists[active] & ~hidden[active]
        near = beside & open_cells
        pools = [near & ~grid.total, open_cells & ~grid.total, near, open_cells]
        pool = pools[3]
        for candidate in reversed(pools[:3]):
            pool = np.where(candidate.any(axis=1)[:, None], candidate, pool)
        picked = pool.any(axis=1)
        v = grid.values[active]
        key = (v == 0) * (v.max(initial=0) + 1) * len(ids) + v * len(ids) + ids  # zero last, smallest, repr
        pick = np.where(pool, key, np.iinfo(np.int64).max).argmin(axis=1)
        active, pick = active[picked], pick[picked]
        team = grid.is_n[pick]
        hidden[active[~team], pick[~team]] = True
        hidden[active[team]] |= grid.group[pick[team]] & grid.exists[active[team]]
    return hidden


def hidden_cells(groups: pl.DataFrame, caps: pl.DataFrame, bands: pl.DataFrame) -> dict[str, list[tuple]]:
    """The suppressed cells of every submission: {"n": [(sid, team)], "above": [(sid, scenario, team)],
    "band": [(sid, band_order)]}."""
    found: dict[str, list[tuple]] = {"n": [], "above": [], "band": []}
    if groups.is_empty():
        return found
    grid = Grid(groups, caps, bands)
    at, cell = np.nonzero(suppress(grid))
    for a, c in zip(at.tolist(), cell.tolist(), strict=True):
        found[grid.cells[c][0]].append((grid.ids[a], *grid.cells[c][1:]))
    return found
