"""orgkg.synth: synthetic organisations with a known ground truth, as graphs or as MCPS-style documents."""

from .graph import synth_graph
from .org import Org, generate

__all__ = ["synth_graph", "generate", "Org"]
