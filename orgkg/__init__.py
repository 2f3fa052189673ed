"""orgkg: job descriptions -> an evidence-backed organisation knowledge graph.

    import orgkg
    g = orgkg.build("descriptions/")          # a folder, a file, or a list of them; orgkg.sample_graph()
    g.chain("Coordinator, Innovative and Progressive Systemwide Training")
    g.collaborators("DSSEM")
    g.save("org.json"); g = orgkg.load("org.json")

The API lives in orgkg/api.py; the layers below it: ontology <- loaders <- graph <- (queries, viz, analysis).
"""

from __future__ import annotations

from orgkg.api import SAMPLES, Graph, build, extract, load, open_graph, sample_graph, sample_paths
from orgkg.graph import OrgGraph
from orgkg.loaders import load_file

__version__ = "0.1.0"

__all__ = ["SAMPLES", "Graph", "OrgGraph", "build", "extract", "load", "load_file", "open_graph", "sample_paths", "sample_graph",
           "__version__"]
