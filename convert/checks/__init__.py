"""Checks that sit beside the pipeline and may import it (the pipeline never imports them): the
machine (`doctor`), the style read back from each edition (`readback`, `consistency`), and proof
sheets (`proof`)."""
