"""`pyrs-build verify`: run a compiled module and its original Python source side by side on
inputs Hypothesis draws from the compiled signatures, and report every disagreement."""
