"""Training and corpus readers for oplens's models (development-time, not run by ``analyze``)."""
