"""Hand-written Python for the sanction decision and the per-day rate: the yardstick.

This is what a careful developer would write by hand for the rules in
`tables/` (satser 2024 and 2025): the same table lookups as plain dicts and
`if`s, with the same input validation (type, domain and unknown fields), the
same defaults and the same results, including the rules that fired. It raises
`Afvist` where the generated module raises RegelFejl (its messages are short;
only *whether* a case is refused is compared). The benchmarks check that it
agrees with the generated module on every case they time, so the comparison is
between two programs that compute the same thing.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal


class Afvist(Exception):  # noqa: N818 - Danish, like RegelFejl
    pass


ORDNINGER = frozenset({"ressourceforløb", "jobafklaringsforløb", "sh_o_ydelse"})
FORSEELSER = frozenset({
    "udeblevet_samtale", "udeblevet_rådighedsvurdering", "manglende_selvbooking", "udeblevet_tilbud",
    "afvist_tilbud", "manglende_sygemelding", "manglende_sygemelding_sygeopfølgning", "ophør_arbejde",
    "afvist_arbejde", "undladt_jobsøgning", "stop_uddannelse",
})
BOOL_FIELDS = ("rimelig_grund", "barsel", "fremmer_rådighed", "forsørger", "hjemmeboende", "bidragspligt")
FIELDS = frozenset({"ordning", "forseelse", "dato", "dage", "alder", "uarbejdsdygtighed", "månedlig_ydelse",
                    "afgørelse_modtaget", *BOOL_FIELDS})
MAALGRUPPER = frozenset({"forsørger", "ikke_forsørger", "under_25_hjemmeboende", "under_25_bidragspligt"})

# Per-day rates (fradrag) and per-event rates (nedsættelse): (year, målgruppe, percent) -> (kr, rule id).
DAGSSATS = {
    (2024, "forsørger", 100): (756, "f100"), (2024, "ikke_forsørger", 100): (569, "i100"),
    (2024, "under_25_hjemmeboende", 100): (177, "u100"), (2024, "under_25_bidragspligt", 100): (756, "b100"),
    (2025, "forsørger", 100): (783, "f100"), (2025, "forsørger", 75): (587, "f75"),
    (2025, "forsørger", 50): (392, "f50"), (2025, "ikke_forsørger", 100): (589, "i100"),
    (2025, "ikke_forsørger", 75): (442, "i75"), (2025, "ikke_forsørger", 50): (295, "i50"),
    (2025, "under_25_hjemmeboende", 100): (183, "u100"), (2025, "under_25_hjemmeboende", 75): (137, "u75"),
    (2025, "under_25_hjemmeboende", 50): (92, "u50"), (2025, "under_25_bidragspligt", 100): (783, "b100"),
    (2025, "under_25_bidragspligt", 75): (587, "b75"), (2025, "under_25_bidragspligt", 50): (392, "b50"),
}
HAENDELSESSATS = {
    (2024, "forsørger", 100): (1896, "f100"), (2024, "ikke_forsørger", 100): (1896, "i100"),
    (2024, "under_25_hjemmeboende", 100): (292, "u100"), (2024, "under_25_bidragspligt", 100): (292, "b100"),
    (2025, "forsørger", 100): (1964, "f100"), (2025, "forsørger", 75): (1473, "f75"),
    (2025, "forsørger", 50): (982, "f50"), (2025, "ikke_forsørger", 100): (1964, "i100"),
    (2025, "ikke_forsørger", 75): (1473, "i75"), (2025, "ikke_forsørger", 50): (982, "i50"),
    (2025, "under_25_hjemmeboende", 100): (303, "u100"), (2025, "under_25_hjemmeboende", 75): (227, "u75"),
    (2025, "under_25_hjemmeboende", 50): (152, "u50"), (2025, "under_25_bidragspligt", 100): (303, "b100"),
    (2025, "under_25_bidragspligt", 75): (227, "b75"), (2025, "under_25_bidragspligt", 50): (152, "b50"),
}
DAGSSATS_HJEMMEL = {2024: "LAS § 69 c – sanktionssatser pr. dag for 2024 (000 afsnit 2.4)",
                    2025: "LAS § 69 n – sanktionssatser pr. dag for 2025 (001 afsnit 2.4)"}
HAENDELSESSATS_HJEMMEL = {2024: "LAS § 69 d – sanktionssatser pr. hændelse for 2024 (000 afsnit 2.5)",
                          2025: "LAS § 69 o – sanktionssatser pr. hændelse for 2025 (001 afsnit 2.5)"}
HAENDELSESSATS_EGEN_HJEMMEL = {
    (2024, "b100"): "LAS § 69 d – sanktionssatser pr. hændelse for 2024 (000 afsnit 2.5; redaktionel beslutning 5)",
    (2025, "u100"): "LAS § 69 o – sats pr. hændelse for 2025, udledt, redaktionel beslutning 1 (ikke trykt i 001 "
                    "afsnit 2.5)",
    (2025, "b100"): "LAS § 69 o – sats pr. hændelse for 2025, udledt, redaktionel beslutning 1 og 5 (ikke trykt i "
                    "001 afsnit 2.5)",
}
SH_O_HJEMMEL = "LAS §§ 35–40 a / integrationsloven – sanktionssatser 2024 (004)"

_S = "LAS §§ 35–40 a / integrationsloven (004 "
# Sanktionsform by (ordning, forseelse): (sanktion, rule id, hjemmel); None = the rules give no answer.
FORM: dict[tuple[str, str], tuple[str, str, str] | None] = {}
for _f in ("udeblevet_samtale", "udeblevet_rådighedsvurdering", "manglende_selvbooking"):
    FORM["ressourceforløb", _f] = ("fradrag", "r1", "LAS § 69 c")
    FORM["jobafklaringsforløb", _f] = ("fradrag", "j1", "LAS § 69 n")
    FORM["sh_o_ydelse", _f] = ("fradrag", "s1", _S + "«Gå til samtaler»)")
for _f in ("udeblevet_tilbud", "afvist_tilbud"):
    FORM["ressourceforløb", _f] = ("fradrag", "r2", "LAS § 69 b")
    FORM["jobafklaringsforløb", _f] = ("fradrag", "j2", "LAS § 69 m")
for _f in ("ophør_arbejde", "afvist_arbejde", "undladt_jobsøgning"):
    FORM["ressourceforløb", _f] = ("nedsættelse", "r3", "LAS § 69 d")
for _f in ("ophør_arbejde", "afvist_arbejde", "undladt_jobsøgning", "manglende_sygemelding"):
    FORM["jobafklaringsforløb", _f] = ("nedsættelse", "j3", "LAS § 69 o")
FORM["ressourceforløb", "manglende_sygemelding"] = (
    "nedsættelse", "r4", "LAS § 69 d (000 afsnit 2.5; redaktionel beslutning 2)")
FORM["sh_o_ydelse", "udeblevet_tilbud"] = ("fradrag", "s2", _S + "«Deltag i tilbud og aktiviteter»)")
FORM["sh_o_ydelse", "ophør_arbejde"] = ("nedsættelse", "s3", _S + "«Medvirk aktivt»)")
FORM["sh_o_ydelse", "afvist_arbejde"] = ("nedsættelse", "s3", _S + "«Medvirk aktivt»)")
FORM["sh_o_ydelse", "manglende_sygemelding"] = (
    "nedsættelse", "s4", _S + "«Medvirk aktivt» og «Deltag i tilbud og aktiviteter»)")
FORM["sh_o_ydelse", "manglende_sygemelding_sygeopfølgning"] = ("nedsættelse", "s5", _S + "«Gå til samtaler»)")
FORM["sh_o_ydelse", "stop_uddannelse"] = ("nedsættelse", "s6", _S + "«Deltag i tilbud og aktiviteter»)")
for _o in ("ressourceforløb", "jobafklaringsforløb"):
    for _f in ("manglende_sygemelding_sygeopfølgning", "stop_uddannelse"):
        FORM[_o, _f] = None
FORM["sh_o_ydelse", "afvist_tilbud"] = None
FORM["sh_o_ydelse", "undladt_jobsøgning"] = None

# The exceptions (redaktionel beslutning 7): rimelig grund, barsel, sanktion fremmer ikke rådigheden.
UNDTAGELSE = {
    ("rimelig_grund", "ressourceforløb"): ("u1", "LAS § 13, stk. 7 og 8, og regler fastsat i medfør af § 13, "
                                                 "stk. 16, og § 69 a, stk. 2 (000 afsnit 3)"),
    ("rimelig_grund", "jobafklaringsforløb"): ("u2", "LAS § 13, stk. 7 og 8, og regler fastsat i medfør af § 13, "
                                                     "stk. 16, og § 69 l, stk. 2 (001 afsnit 3)"),
    ("rimelig_grund", "sh_o_ydelse"): ("u3", _S[:-5] + "(004 «Hvornår er det rimeligt, at jeg ikke opfylder mine "
                                                       "pligter?»)"),
    ("barsel", "ressourceforløb"): ("u4", "LAS § 13, stk. 7 og 8 – ret til fravær efter barselsloven (000 afsnit 3)"),
    ("barsel", "jobafklaringsforløb"): ("u5", "LAS § 13, stk. 7 og 8 – ret til fravær efter barselsloven (001 "
                                              "afsnit 3)"),
    ("barsel", "sh_o_ydelse"): ("u6", "Barselsloven – redaktionel beslutning 7 (004 nævner ikke barselsloven)"),
    ("fremmer", "ressourceforløb"): ("u7", "LAS § 69 a, stk. 2 – en sanktion skal fremme rådigheden (000 afsnit 3)"),
    ("fremmer", "jobafklaringsforløb"): ("u8", "LAS § 69 l, stk. 2 – en sanktion skal fremme rådigheden (001 "
                                               "afsnit 3)"),
    ("fremmer", "sh_o_ydelse"): ("u9", _S[:-5] + "(004 «Forud for en eventuel sanktion»)"),
}
SATSVALG = {("fradrag", "jobafklaringsforløb"): "v2", ("fradrag", "ressourceforløb"): "v3",
            ("nedsættelse", "jobafklaringsforløb"): "v4", ("nedsættelse", "ressourceforløb"): "v5",
            ("fradrag", "sh_o_ydelse"): "v6", ("nedsættelse", "sh_o_ydelse"): "v7"}


def _bool(case: dict, name: str, default: bool | None) -> bool | None:
    v = case.get(name, default)
    if v is not None and v is not True and v is not False:
        raise Afvist(f"{name} skal være ja/nej")
    return v


def _day(value: object) -> date:
    if type(value) is date:
        return value
    if type(value) is not str or len(value) != 10:
        raise Afvist("dato skal være ÅÅÅÅ-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise Afvist("ugyldig dato") from None


def _check(case: dict) -> None:
    if not case.keys() <= FIELDS:
        raise Afvist("ukendt felt")


def maalgruppe(forsoerger: bool | None, alder: int | None, hjemmeboende: bool | None, bidragspligt: bool) -> tuple:
    if forsoerger is None:
        raise Afvist("forsørger mangler")
    if forsoerger:
        return "forsørger", "m1"
    if alder is None:
        raise Afvist("alder mangler")
    if alder < 25:
        if hjemmeboende is None:
            raise Afvist("hjemmeboende mangler")
        if hjemmeboende:
            return ("under_25_bidragspligt", "m3") if bidragspligt else ("under_25_hjemmeboende", "m2")
    return "ikke_forsørger", "m4"


def sanktion(case: dict) -> dict:
    """The sanction decision, by hand."""
    _check(case)
    ordning = case.get("ordning")
    forseelse = case.get("forseelse")
    if ordning not in ORDNINGER or forseelse not in FORSEELSER:
        raise Afvist("ordning eller forseelse mangler eller er ugyldig")
    dato = case.get("dato")
    dato = _day(dato) if dato is not None else None
    dage = case.get("dage", 1)
    if type(dage) is not int or dage < 1 or dage >= 10**13:
        raise Afvist("dage skal være et helt tal fra 1")
    rimelig, barsel, fremmer = _bool(case, "rimelig_grund", False), _bool(case, "barsel", False), \
        _bool(case, "fremmer_rådighed", True)
    forsoerger, hjemme, bidrag = _bool(case, "forsørger", None), _bool(case, "hjemmeboende", None), \
        _bool(case, "bidragspligt", False)
    alder = case.get("alder")
    if alder is not None and (type(alder) is not int or not 0 <= alder <= 130):
        raise Afvist("alder skal være 0-130")
    pct = case.get("uarbejdsdygtighed", 100)
    if type(pct) is not int or not 0 <= pct <= 100:
        raise Afvist("uarbejdsdygtighed skal være 0-100 %")
    ydelse = case.get("månedlig_ydelse")
    if ydelse is not None:
        if type(ydelse) not in (int, Decimal) or ydelse < 0 or ydelse >= 10**13 or (ydelse * 100) % 1:
            raise Afvist("månedlig_ydelse skal være et beløb i hele øre")
    modtaget = case.get("afgørelse_modtaget")
    if modtaget is not None:
        _day(modtaget)

    fired = []
    undtagelse = "rimelig_grund" if rimelig else "barsel" if barsel else "fremmer" if not fremmer else None
    if undtagelse is not None:
        rid, hjemmel = UNDTAGELSE[undtagelse, ordning]
        form = "ingen"
    else:
        hit = FORM[ordning, forseelse]
        if hit is None:
            raise Afvist("reglerne giver ikke et svar for denne forseelse i denne ordning")
        form, rid, hjemmel = hit
    fired.append("Sanktionsform/" + rid)

    if form == "ingen":
        fired.append("Satsvalg/v1")
        sats = beloeb = 0
        satshjemmel = "Ingen sanktion, ingen sats"
    else:
        valg = SATSVALG[form, ordning]
        if ordning != "jobafklaringsforløb" and pct != 100:
            raise Afvist("uarbejdsdygtighed under 100 % giver kun satser i jobafklaringsforløb")
        fired.append("Satsvalg/" + valg)
        if dato is None:
            raise Afvist("dato mangler")
        aar = dato.year
        if ordning == "sh_o_ydelse":
            if aar != 2024:
                raise Afvist("ingen SH/O-satser for året")
            if ydelse is None:
                raise Afvist("månedlig_ydelse mangler")
            if ydelse < 5935:
                sats, srid = 200, "s1"
            elif ydelse <= 10469:
                sats, srid = 450, "s2"
            elif ydelse <= 14245:
                sats, srid = 650, "s3"
            else:
                sats, srid = 750, "s4"
            fired.append("Sanktionssats_SH_O@2024/" + srid)
            beloeb = sats * dage if form == "fradrag" else 3 * sats
            satshjemmel = SH_O_HJEMMEL
        else:
            if aar not in (2024, 2025):
                raise Afvist("ingen satser for året")
            gruppe, mrid = maalgruppe(forsoerger, alder, hjemme, bidrag)
            fired.append("Målgruppeafgørelse/" + mrid)
            tabel = DAGSSATS if form == "fradrag" else HAENDELSESSATS
            hit = tabel.get((aar, gruppe, pct))
            if hit is None:
                raise Afvist("ingen sats for denne uarbejdsdygtighed")
            sats, srid = hit
            if form == "fradrag":
                fired.append(f"Dagssats@{aar}/{srid}")
                beloeb = sats * dage
                satshjemmel = DAGSSATS_HJEMMEL[aar]
            else:
                fired.append(f"Hændelsessats@{aar}/{srid}")
                beloeb = sats
                satshjemmel = HAENDELSESSATS_EGEN_HJEMMEL.get((aar, srid)) or HAENDELSESSATS_HJEMMEL[aar]

    if form == "ingen":
        ophoer, orid = False, "o1"
    elif forseelse in ("udeblevet_tilbud", "afvist_tilbud") and ordning != "sh_o_ydelse":
        ophoer, orid = True, "o2" if ordning == "ressourceforløb" else "o3"
    else:
        ophoer, orid = False, "o4"
    fired.append("Ophør/" + orid)
    if form == "ingen":
        skaerpet, krid = False, "k1"
    else:
        skaerpet, krid = (True, "k2") if ordning == "sh_o_ydelse" else (False, "k3")
    fired.append("Skærpet_rådighedssanktion/" + krid)
    return {"sanktion": form, "sats": sats, "beløb": beloeb, "hjemmel": hjemmel, "satshjemmel": satshjemmel,
            "ophør_mulig": ophoer, "skærpet_rådighedssanktion_mulig": skaerpet, "regler": fired}


DAGSSATS_FIELDS = frozenset({"målgruppe", "uarbejdsdygtighed", "dato"})


def dagssats(case: dict) -> dict:
    """The per-day rate alone (bench/dagssats.regel), by hand."""
    if not case.keys() <= DAGSSATS_FIELDS:
        raise Afvist("ukendt felt")
    gruppe = case.get("målgruppe")
    if gruppe not in MAALGRUPPER:
        raise Afvist("målgruppe mangler eller er ugyldig")
    pct = case.get("uarbejdsdygtighed", 100)
    if type(pct) is not int or not 0 <= pct <= 100:
        raise Afvist("uarbejdsdygtighed skal være 0-100 %")
    dato = case.get("dato")
    if dato is None:
        raise Afvist("dato mangler")
    aar = _day(dato).year
    hit = DAGSSATS.get((aar, gruppe, pct))
    if hit is None:
        raise Afvist("ingen sats")
    return {"dagssats": hit[0], "regler": [f"Dagssats@{aar}/{hit[1]}"]}
