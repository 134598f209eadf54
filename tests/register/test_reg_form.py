"""The form as data: every section, field and box has English and French text."""

from __future__ import annotations

from fairmilk.reference.catalog import provenance
from fairmilk.register.catalogue import recommendations
from fairmilk.register.cfs2019 import CFS_2019
from fairmilk.register.form import KINDS
from fairmilk.register.record import WARNING_KINDS


def test_every_declared_thing_is_bilingual() -> None:
    texts: list[tuple[str, str, str]] = [("form", CFS_2019.title_en, CFS_2019.title_fr)]
    for section in CFS_2019.sections:
        texts.append((section.id, section.title_en, section.title_fr))
        for field in section.fields():
            texts.append((field.id, field.label_en, field.label_fr))
            assert field.label_en != field.label_fr or field.label_en == "Affiliation", field.id
            texts += [(option.id, option.label_en, option.label_fr) for option in field.options]
    texts += [(kind, en, fr) for kind, (en, fr) in WARNING_KINDS.items()]
    assert [t for t in texts if not t[1].strip() or not t[2].strip()] == []


def test_ids_unique_and_kinds_known() -> None:
    ids = [f.id for f in CFS_2019.fields()]
    assert len(ids) == len(set(ids))
    assert {f.kind for f in CFS_2019.fields()} <= set(KINDS)


def test_the_2019_form_has_every_part() -> None:
    ids = {f.id for f in CFS_2019.fields()}
    expected = {
        "title", "coverage", "countries", "contact_name", "contact_email", "affiliation",
        "awareness_how", "awareness_actions", "awareness_activities", "awareness_recommend",
        "set_1", "set_1_purpose", "set_2", "set_2_purpose", "set_3", "set_3_purpose",
        "recommendations_useful", "results_short", "results_medium",
        "women_actions", "women_benefits", "youth_actions", "youth_benefits",
        "sdg_1", "sdg_2", "sdg_8", "sdg_10", "sdg_13", "sdg_general", "un_decades",
        "catalysts", "constraints", "good_practices", "lessons_learned",
        "potential_use", "potential_women", "potential_youth", "links",
        "annex_date", "annex_location", "annex_participants", "annex_organizers",
    }  # fmt: skip
    assert expected <= ids
    assert [o.id for o in CFS_2019.field("affiliation").options] == [
        "government", "un", "civil_society", "private_sector", "academia", "donor", "other",
    ]  # fmt: skip


def test_other_and_overflow_targets_exist() -> None:
    ids = {f.id for f in CFS_2019.fields()}
    for field in CFS_2019.fields():
        for target in (field.other_field, field.overflow_to, field.explains):
            assert target is None or target in ids, (field.id, target)


def test_catalogue_is_bilingual_and_sourced() -> None:
    recs = recommendations()
    assert len(recs) == 9
    assert {(r.set, r.id) for r in recs} >= {(2, "18"), (3, "VII.C")}
    assert all(r.short_title_en and r.short_title_fr and r.source_url for r in recs)
    assert not any(r.verified for r in recs)
    prov = provenance("cfs/recommendations")
    assert prov.redistribution == "yes"
    assert prov.synthetic is False
    assert set(prov.columns) == {
        "set",
        "id",
        "short_title_en",
        "short_title_fr",
        "verified",
        "source_url",
    }
