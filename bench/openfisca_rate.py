"""A minimal OpenFisca tax-benefit system with the per-day sanction rate as a
parameterised, vectorised formula, for bench/batch_speed.py.

Optional: needs `pip install openfisca-core` (and numpy). `per_person(n)` times
`simulation.calculate("dagssats", "2025")` for `n` people with random målgruppe
and uarbejdsdygtighed (100/75/50 %), the best of a few fresh simulations, and
checks the rates against the hand-written table.
"""

from __future__ import annotations

import time

import handwritten

GROUPS = ("forsørger", "ikke_forsørger", "under_25_hjemmeboende", "under_25_bidragspligt")


def _system():
    import numpy as np
    from openfisca_core.entities import build_entity
    from openfisca_core.indexed_enums import Enum
    from openfisca_core.parameters import ParameterNode
    from openfisca_core.periods import DateUnit
    from openfisca_core.taxbenefitsystems import TaxBenefitSystem
    from openfisca_core.variables import Variable

    person = build_entity(key="person", plural="persons", label="Person", is_person=True)

    class Maalgruppe(Enum):
        forsoerger = "forsørger"
        ikke_forsoerger = "ikke_forsørger"
        under_25_hjemmeboende = "under_25_hjemmeboende"
        under_25_bidragspligt = "under_25_bidragspligt"

    class maalgruppe(Variable):  # noqa: N801 - OpenFisca names variables by their class
        value_type = Enum
        possible_values = Maalgruppe
        default_value = Maalgruppe.forsoerger
        entity = person
        definition_period = DateUnit.YEAR
        label = "Målgruppe"

    class uarbejdsdygtighed(Variable):  # noqa: N801
        value_type = int
        default_value = 100
        entity = person
        definition_period = DateUnit.YEAR
        label = "Uarbejdsdygtighed i procent"

    class dagssats(Variable):  # noqa: N801
        value_type = float
        entity = person
        definition_period = DateUnit.YEAR
        label = "Sanktionssats pr. dag"

        def formula(persons, period, parameters):  # noqa: N805 - OpenFisca's signature
            satser = parameters(period).dagssats[persons("maalgruppe", period)]
            pct = persons("uarbejdsdygtighed", period)
            return np.select([pct == 100, pct == 75, pct == 50], [satser.p100, satser.p75, satser.p50],
                             default=np.nan)

    data: dict = {}
    for g, member in zip(GROUPS, Maalgruppe, strict=True):
        node: dict = {}
        for key, pct in (("p100", 100), ("p75", 75), ("p50", 50)):
            values = {}
            for year in (2024, 2025):
                hit = handwritten.DAGSSATS.get((year, g, pct))
                values[f"{year}-01-01"] = {"value": hit[0] if hit else None}
            node[key] = {"values": values}
        data[member.name] = node

    class System(TaxBenefitSystem):
        def __init__(self) -> None:
            super().__init__([person])
            self.add_variables(maalgruppe, uarbejdsdygtighed, dagssats)
            self.parameters = ParameterNode("", data={"dagssats": data})

    return System(), Maalgruppe, np


def per_person(n: int = 75_000, rounds: int = 3, seed: int = 0) -> float:
    """Seconds per person for OpenFisca's vectorised calculation of the rate (year 2025)."""
    from openfisca_core.simulations import SimulationBuilder

    system, groups, np = _system()
    rng = np.random.default_rng(seed)
    g = rng.integers(0, 4, n)
    pct = rng.choice([100, 75, 50], n)
    names = np.array([m.name for m in groups])[g]
    best = float("inf")
    for _ in range(rounds):
        sim = SimulationBuilder().build_default_simulation(system, n)
        sim.set_input("maalgruppe", "2025", groups.encode(names))
        sim.set_input("uarbejdsdygtighed", "2025", pct)
        t0 = time.perf_counter()
        out = sim.calculate("dagssats", "2025")
        best = min(best, time.perf_counter() - t0)
    for i in range(min(n, 1000)):
        want = handwritten.DAGSSATS[(2025, GROUPS[g[i]], int(pct[i]))][0]
        if out[i] != want:
            raise SystemExit(f"OpenFisca gav {out[i]} for {GROUPS[g[i]]}, {pct[i]} %; ventede {want}")
    return best / n
