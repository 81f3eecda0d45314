"""The unit-type model: weights.json and its MODEL_CARD.md."""
