"""Each finding's check, on small synthetic results tables with known verdicts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sftsurvey import findings, results
from sftsurvey.findings import REGISTRY, quantity

FRACTIONS = [1 / 32, 1 / 16, 1 / 8, 1 / 4, 1 / 2, 1]


def yuan_rows(slopes: dict[str, float], icl: dict[str, float], curve="loglinear") -> pd.DataFrame:
    rows = []
    for model, slope in slopes.items():
        for f in FRACTIONS:
            n = f * 7473
            value = 10 + slope * np.log2(n / 233) if curve == "loglinear" else 60 - 40 * f**-0.0
            rows.append(
                dict(
                    paper="yuan2023scaling",
                    experiment="sft-data-scaling",
                    model=model,
                    condition="epochs=3",
                    benchmark="GSM8K",
                    metric="maj1@1 accuracy",
                    fraction=f,
                    base_size=7473,
                    value=value,
                    source="Table 5",
                    file="yuan2023scaling.csv",
                    line=len(rows) + 2,
                )
            )
        rows.append(
            dict(
                paper="yuan2023scaling",
                experiment="icl",
                model=model,
                condition="shots=8",
                benchmark="GSM8K",
                metric="maj1@1 accuracy",
                value=icl[model],
                source="Table 5",
                file="yuan2023scaling.csv",
                line=len(rows) + 2,
            )
        )
    return pd.DataFrame(rows)


MODELS = ["A", "B", "C", "D", "E"]


def test_registry_ids_are_stable_form_and_unique():
    assert "quantity-loglinear-gsm8k" in REGISTRY
    for key, item in REGISTRY.items():
        assert key == item.id and key.count("-") >= 1
        assert item.papers and item.claim.endswith(".")


def test_loglinear_supported_on_loglinear_data():
    table = yuan_rows(
        dict(zip(MODELS, [6, 5, 4, 3, 2], strict=True)),
        dict(zip(MODELS, [10, 20, 30, 40, 50], strict=True)),
    )
    verdict = REGISTRY["quantity-loglinear-gsm8k"].evaluate(table)
    assert verdict.verdict == "supported"
    assert verdict.numbers["median_gain_per_doubling"] == pytest.approx(4)
    assert len(verdict.evidence) == 30 and {"file", "line"} <= set(verdict.evidence)


def test_loglinear_not_supported_on_flat_data():
    table = yuan_rows(
        dict(zip(MODELS, [0] * 5, strict=True)),
        dict(zip(MODELS, [10, 20, 30, 40, 50], strict=True)),
    )
    rng = np.random.default_rng(0)
    table.loc[table["experiment"] == "sft-data-scaling", "value"] += rng.normal(0, 1, 30)
    assert REGISTRY["quantity-loglinear-gsm8k"].evaluate(table).verdict == "not supported"


def test_better_base_gains_less():
    falling = yuan_rows(
        dict(zip(MODELS, [6, 5, 4, 3, 2], strict=True)),
        dict(zip(MODELS, [10, 20, 30, 40, 50], strict=True)),
    )
    verdict = REGISTRY["quantity-better-base-gains-less"].evaluate(falling)
    assert verdict.numbers["rho_icl"] == pytest.approx(-1)
    # no pre-training losses in this table: only the ICL half can agree
    assert verdict.verdict in ("supported", "partly supported")
    rising = yuan_rows(
        dict(zip(MODELS, [2, 3, 4, 5, 6], strict=True)),
        dict(zip(MODELS, [10, 20, 30, 40, 50], strict=True)),
    )
    assert REGISTRY["quantity-better-base-gains-less"].evaluate(rising).verdict == "not supported"


def test_empty_results_are_not_testable():
    empty = pd.DataFrame(columns=[*results.columns(), "file", "line"])
    for item in REGISTRY.values():
        assert item.evaluate(empty).verdict == "not testable from reported numbers"


def test_verdict_rejects_unknown_value():
    with pytest.raises(ValueError):
        findings.Verdict("probably", "x")


def test_best_schedule_is_chosen():
    table = yuan_rows({"A": 3}, {"A": 10})
    worse = table[table["experiment"] == "sft-data-scaling"].assign(
        value=lambda t: t["value"] - 5, condition="epochs=96"
    )
    curves = quantity.yuan_sft_curves(pd.concat([table, worse], ignore_index=True))
    assert len(curves) == len(FRACTIONS) and (curves["condition"] == "epochs=3").all()


def test_real_results_give_a_verdict_for_every_finding():
    table = findings.evaluate_all(results.load_results())
    assert set(table["verdict"]) <= set(findings.VERDICTS)
    assert len(table) == len(REGISTRY)
