"""Models oplens ships, each with its MODEL_CARD.md."""
