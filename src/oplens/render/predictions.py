"""How predictions read in a summary: probability, horizon, condition and holder."""

from __future__ import annotations

from oplens.schema import Analysis, Horizon, Prediction


def horizon_text(horizon: Horizon | None) -> str | None:
    """ "by 2027 (2025-03-14 – 2027-12-31)", or None without a horizon."""
    if horizon is None or horizon.text is None:
        return None
    if horizon.start is None and horizon.end is None:
        return f'"{horizon.text}" (no publication date)'
    start = horizon.start.isoformat() if horizon.start else "…"
    end = horizon.end.isoformat() if horizon.end else "open-ended"
    window = start if start == end else f"{start} – {end}"
    return f'"{horizon.text}" ({window})'


def holder_text(prediction: Prediction, analysis: Analysis) -> str:
    """ "author", or the attribution id with its speaker ("a2, Mike Pompeo")."""
    if prediction.holder == "author":
        return "author"
    for attribution in analysis.attributions:
        if attribution.id == prediction.holder:
            return f"{attribution.id}, {attribution.speaker.text}"
    return prediction.holder


def describe(prediction: Prediction, analysis: Analysis) -> str:
    """One line of facts about a prediction: cue, polarity, horizon, condition, holder."""
    parts = []
    if len(prediction.text.split()) <= 3:  # an ellipsis ("It will not."): say what it restates
        parts.append(f'restates "{prediction.event}"')
    if prediction.cue is not None:
        parts.append(f'cue "{prediction.cue.text}"')
    if prediction.polarity == "negative":
        parts.append("negative")
    horizon = horizon_text(prediction.horizon)
    if horizon:
        parts.append(f"horizon {horizon}")
    if prediction.condition is not None:
        parts.append(f'condition "{prediction.condition.text}"')
    parts.append(f"holder {holder_text(prediction, analysis)}")
    return "; ".join(parts)


def prediction_lines(analysis: Analysis) -> list[str]:
    """One entry per prediction: id, probability and clause, then a line of its facts."""
    entries = []
    for prediction in analysis.predictions:
        text = " ".join(prediction.text.split())
        text = text if len(text) <= 84 else text[:83] + "…"
        head = f"  {prediction.id:<4}{prediction.probability:>4.0%}  {text}"
        entries.append(f"{head}\n{'':12}{describe(prediction, analysis)}")
    return entries
