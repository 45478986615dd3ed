"""Output formats beyond text and JSON, one module each, imported only when
chosen: each has `render(results, rules) -> str`, where `results` are
checker.api.FileResult and `rules` the loaded rules (for rule metadata)."""
