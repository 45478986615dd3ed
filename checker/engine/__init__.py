"""The engine: rule files, configuration, baseline, the per-report analysis and the runner."""
