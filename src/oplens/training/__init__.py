"""Training scripts for the models oplens ships (run at development time, never at analysis)."""
