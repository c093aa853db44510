"""Which cells are suppressed, for every submission at once: primary rules, then complementary suppression.

The rules and the order of choices are docs/submissions.md's ("Disclosure control"). Every
submission has the same kinds of cell, each in a group (group_kind, group_value): a count of case
holders per group, above-cap counts per scenario, measure and group, and band counts per group.
All of them are laid out on one grid of cells (ids in repr order, the order the choices break ties
by) and each rule is an array operation over all submissions:

- primary: a council under 5 hides everything; a group under 5 hides all its cells; counts of 1-4
  (and above-cap counts whose complement in the group is 1-4) are hidden;
- rounds of complementary suppression: a hidden cell is *determined* when it lies in the row space
  of the additive equations restricted to the hidden cells (no solution can move it); one batched
  eigendecomposition per round finds them for every submission, and each one with one hides one more
  cell: one the proof of its first determined cell (a group's count first) leans on, not a
  whole-council total if one will do, non-zero before zero, the smallest, ties by repr; until none
  is determined.

The equations: each kind's groups add up to the whole council (case holders, above each cap, each band);
each group's bands add up to its case holders; an above-cap count equals the bands above a cap that
falls on a band edge, in every group where it does.

tests/support/disclosure_reference.py does the same one submission at a time with matrix ranks;
test_disclosure_reference.py checks both hide the same cells.
"""

from __future__ import annotations

import numpy as np
import polars as pl

MIN_WORKERS = 5
ALL = ("all", "all")
# The matrices hold 0 and +-1 only and are small: their non-zero eigenvalues are far from zero, and a
# cell's squared part outside the row space is either 0 (up to rounding) or far from it.
_RANK_TOL = 1e-9  # eigenvalues of M M' below this share of the largest are zero
_ZERO = 1e-6
_CHUNK = 256  # submissions per batched step (the equations of a chunk: about 40 MB)
# The frames' key columns and value, per kind of cell; a cell is (kind, *keys), its group the last two.
KEYS = {
    "n": ("agg_groups", ["group_kind", "group_value"], "case_holders"),
    "above": ("agg_caps", ["scenario_id", "measure", "group_kind", "group_value"], "workers_above_cap"),
    "band": ("agg_bands", ["band_order", "group_kind", "group_value"], "workers"),
}


class Grid:
    """The cells of every submission (values, which exist) and the equations between them."""

    def __init__(self, frames: dict[str, pl.DataFrame]):
        groups, caps, bands = frames["agg_groups"], frames["agg_caps"], frames["agg_bands"]
        self.ids: list[str] = groups["submission_id"].unique(maintain_order=True).to_list()
        found = {kind: frames[name].select(keys).unique().rows() for kind, (name, keys, _) in KEYS.items()}
        self.cells = sorted([(kind, *k) for kind, rows in found.items() for k in rows], key=repr)
        index = {c: i for i, c in enumerate(self.cells)}
        self.values = np.zeros((len(self.ids), len(self.cells)), dtype=np.int64)
        self.exists = np.zeros_like(self.values, dtype=bool)
        at = pl.DataFrame(
            {"submission_id": self.ids, "at": range(len(self.ids))}, schema_overrides={"at": pl.Int64}
        )
        for kind, (name, keys, value) in KEYS.items():
            cells = [c for c in self.cells if c[0] == kind]
            schema = frames[name].select(keys).schema
            where = pl.DataFrame([c[1:] for c in cells], schema=schema, orient="row")
            where = where.with_columns(cell=pl.Series([index[c] for c in cells], dtype=pl.Int64))
            hits = frames[name].select("submission_id", *keys, value).join(at, on="submission_id").join(
                where, on=keys)
            self.values[hits["at"].to_numpy(), hits["cell"].to_numpy()] = hits[value].to_numpy()
            self.exists[hits["at"].to_numpy(), hits["cell"].to_numpy()] = True
        self.is_n = np.array([c[0] == "n" for c in self.cells], dtype=bool)
        self.total = np.array([c[-2:] == ALL for c in self.cells], dtype=bool)
        group_of = [c[-2:] for c in self.cells]
        # for a group's count: every cell of that group (its count, above-cap counts and bands)
        self.group = np.array([[c[0] == "n" and g == group_of[i] for g in group_of]
                               for i, c in enumerate(self.cells)])
        self.n_of = np.array([index.get(("n", *c[-2:]), 0) for c in self.cells])
        self.coefficients, self.holds = self._equations(caps, bands, index)

    def _equations(
        self, caps: pl.DataFrame, bands: pl.DataFrame, index: dict
    ) -> tuple[np.ndarray, np.ndarray]:
        """(coefficients (equations, cells), holds (submissions, equations)): where each equation holds."""
        rows: list[tuple[np.ndarray, np.ndarray]] = []
        groups = sorted({c[-2:] for c in self.cells if c[0] == "n"})
        kinds = sorted({g[0] for g in groups} - {"all"})
        measures = sorted({c[1:3] for c in self.cells if c[0] == "above"})
        starts = dict(bands.select("band_order", "caseload_from").unique("band_order").iter_rows())
        caps_of = {(s, m): (e, q) for s, m, e, q in caps.select(
            "scenario_id", "measure", "cap_experienced", "cap_newly_qualified").unique().iter_rows()}

        def exists(cell: tuple) -> np.ndarray:
            return self.exists[:, index[cell]] if cell in index else np.zeros(len(self.ids), dtype=bool)

        def present(cells: list[tuple]) -> list[tuple]:
            return [c for c in cells if c in index]

        def add_sum(whole: tuple, parts: list[tuple]) -> None:
            """whole = the sum of the parts, where the whole and some part exist."""
            cells = present(parts)
            if whole in index and cells:
                held = exists(whole) & np.any([exists(c) for c in cells], axis=0)
                rows.append((self._coefficients(whole, cells, index), held))

        for kind in kinds:
            parts = [g for g in groups if g[0] == kind]
            add_sum(("n", *ALL), [("n", *g) for g in parts])
            for s, m in measures:
                add_sum(("above", s, m, *ALL), [("above", s, m, *g) for g in parts])
            for b in starts:
                add_sum(("band", b, *ALL), [("band", b, *g) for g in parts])
        for g in groups:
            add_sum(("n", *g), [("band", b, *g) for b in starts])
            for (s, m), (experienced, newly_qualified) in caps_of.items():
                whole = ("above", s, m, *g)
                if whole not in index or m != "children":
                    continue
                declared = experienced is None  # each worker's own maximum: any edge may coincide
                edges = set(starts.values()) - {0.0} if declared else {experienced, newly_qualified} & set(
                    starts.values())
                for edge in sorted(edges):
                    tail = present([("band", b, *g) for b, start in starts.items() if start >= edge])
                    edge_band = ("band", next(b for b, start in starts.items() if start == edge), *g)
                    ids = [index[c] for c in tail]
                    sums = (self.values[:, ids] * self.exists[:, ids]).sum(axis=1)
                    held = exists(whole) & exists(edge_band) & (sums == self.values[:, index[whole]])
                    rows.append((self._coefficients(whole, tail, index), held))
        if not rows:
            return np.zeros((0, len(self.cells))), np.zeros((len(self.ids), 0), dtype=bool)
        return np.stack([c for c, _ in rows]), np.stack([h for _, h in rows], axis=1)

    def _coefficients(self, whole: tuple, parts: list[tuple], index: dict) -> np.ndarray:
        out = np.zeros(len(self.cells))
        out[index[whole]] = 1
        out[[index[p] for p in parts]] = -1
        return out

    def equations(self, rows: np.ndarray) -> np.ndarray:
        """(rows, equations, cells): each equation's coefficients on the cells that exist, where it holds.

        Equations that hold for none of these rows are left out: most band-edge equations hold nowhere,
        and the eigendecompositions cost the cube of the number of equations."""
        holds = self.holds[rows]
        somewhere = holds.any(axis=0)
        coefficients = self.coefficients[None, somewhere, :]
        return holds[:, somewhere, None] * coefficients * self.exists[rows][:, None, :]

    def primary(self) -> np.ndarray:
        """Hidden cells by the primary rules, (submissions, cells)."""
        v, exists = self.values, self.exists
        hidden = exists & (self.is_n[None, :] & (v < MIN_WORKERS))
        hidden = exists & ((hidden.astype(np.int64) @ self.group.astype(np.int64)) > 0)  # whole groups
        band = np.array([c[0] == "band" for c in self.cells])
        hidden |= exists & band & (v >= 1) & (v < MIN_WORKERS)
        above = np.array([c[0] == "above" for c in self.cells])
        rest = v[:, self.n_of] - v
        hidden |= exists & above & (((v >= 1) & (v < MIN_WORKERS)) | ((rest >= 1) & (rest < MIN_WORKERS)))
        whole = self.cells.index(("n", *ALL))
        n_all = v[:, whole] * exists[:, whole]
        return np.where((n_all < MIN_WORKERS)[:, None], exists, hidden)


def _determined(equations: np.ndarray, hidden: np.ndarray, is_n: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(determined, leans): the hidden cells that every solution of the equations (on the hidden cells)
    fixes, per submission; and what the proof of the first of them (a group's count first, then by
    repr) leans on.

    Cell j is fixed when e_j is in the row space of M (the equations on the hidden cells): its
    projection m_j' pinv(M M') m_j is 1. M M' is equations x equations, so one batched symmetric
    eigendecomposition does it for a chunk of submissions. The proof of the first fixed cell j is the
    least-norm y with y'M = e_j, pinv(M M') m_j: the cells where y' times all the equations is not
    zero are the published cells that pin j down, and hiding one of them is what can unfix it.
    """
    if equations.shape[1] == 0:
        return np.zeros_like(hidden), np.zeros(hidden.shape)
    matrix = equations * hidden[:, None, :]
    values, vectors = np.linalg.eigh(matrix @ matrix.transpose(0, 2, 1))
    keep = values > _RANK_TOL * values.max(axis=1, initial=0.0)[:, None]
    inverse = np.where(keep, 1 / np.where(keep, values, 1), 0)  # pseudo-inverse of the eigenvalues
    along = vectors.transpose(0, 2, 1) @ matrix  # each column in the eigenvector basis
    projected = (along**2 * inverse[:, :, None]).sum(axis=1)
    determined = hidden & (np.abs(1 - projected) < _ZERO)
    counts = determined & is_n
    first = np.where(counts.any(axis=1)[:, None], counts, determined).argmax(axis=1)
    y = np.einsum("aek,ak->ae", vectors, inverse * along[np.arange(len(first)), :, first])
    return determined, np.einsum("ae,aec->ac", y, equations)


def suppress(grid: Grid) -> np.ndarray:
    """Hidden cells after primary and complementary suppression, (submissions, cells)."""
    hidden = grid.primary()
    for start in range(0, len(grid.ids), _CHUNK):
        rows = np.arange(start, min(start + _CHUNK, len(grid.ids)))
        hidden[rows] = _complete(grid, rows, hidden[rows])
    return hidden


def _complete(grid: Grid, rows: np.ndarray, hidden: np.ndarray) -> np.ndarray:
    """One chunk's complementary suppression: more cells hidden until no hidden cell is determined.

    Each round, for each submission with a determined cell, the first one (a group's count first)
    is unfixed by hiding one published cell its proof leans on: not a whole-council total if one will
    do, non-zero before zero, the smallest, ties by repr. A group's count takes its whole group.
    """
    ids = np.arange(len(grid.cells))
    equations = grid.equations(rows)
    active = np.flatnonzero(hidden.any(axis=1))
    while len(active):
        exposed, leans = _determined(equations[active], hidden[active], grid.is_n)
        still = exposed.any(axis=1)
        active, leans = active[still], leans[still]
        if not len(active):
            break
        exists = grid.exists[rows[active]]
        open_cells = exists & ~hidden[active]
        near = open_cells & (np.abs(leans) > _ZERO)
        pools = [near & ~grid.total, near, open_cells & ~grid.total, open_cells]
        pool = pools[3]
        for candidate in reversed(pools[:3]):
            pool = np.where(candidate.any(axis=1)[:, None], candidate, pool)
        picked = pool.any(axis=1)
        v = grid.values[rows[active]]
        key = (v == 0) * (v.max(initial=0) + 1) * len(ids) + v * len(ids) + ids  # zero last, smallest, repr
        pick = np.where(pool, key, np.iinfo(np.int64).max).argmin(axis=1)
        active, pick, exists = active[picked], pick[picked], exists[picked]
        group = grid.is_n[pick]
        hidden[active[~group], pick[~group]] = True
        hidden[active[group]] |= grid.group[pick[group]] & exists[group]
    return hidden


def hidden_cells(frames: dict[str, pl.DataFrame]) -> dict[str, list[tuple]]:
    """The suppressed cells of every submission, by kind: {"n": [(sid, kind, value)],
    "above": [(sid, scenario, measure, kind, value)], "band": [(sid, band_order, kind, value)]}."""
    found: dict[str, list[tuple]] = {"n": [], "above": [], "band": []}
    if frames["agg_groups"].is_empty():
        return found
    grid = Grid(frames)
    at, cell = np.nonzero(suppress(grid))
    for a, c in zip(at.tolist(), cell.tolist(), strict=True):
        found[grid.cells[c][0]].append((grid.ids[a], *grid.cells[c][1:]))
    return found
