"""Analysis of a stance graph: plain functions that take a StanceGraph, networkx style.

- :func:`stance_matrix` who stands how towards whom, as a table;
- :func:`balance` structural balance: triangles, frustration, the triads that break it;
- :func:`blocs` camps of actors, and who sits between them;
- :func:`signed_centrality` the most supported, the most opposed, the brokers;
- :func:`stance_path` the chain of stances from one actor to another, with evidence;
- :func:`timeline`, :func:`dyad_polarity` stances per period, a relation over time;
- :func:`roll_up` persons and organs folded into the state they act for;
- :func:`relations`, :func:`sentences`, :func:`plot_dyad` the first questions: who opposes
  whom, which sentences say so, how a pair's relation moved (actors by id or name).

Role relations (``acts_for``, ``leads``, ``spokesperson_of``, ``member_of``: the ontology's
role predicates) are edges of the graph but not stances; every function leaves them out.
"""

from graphkit.analysis.balance import BalanceReport, Blocs, Triad, balance, blocs
from graphkit.analysis.matrix import signed_centrality, stance_matrix
from graphkit.analysis.paths import Step, stance_path
from graphkit.analysis.questions import find_actor, plot_dyad, relations, sentences
from graphkit.analysis.rollup import principals, roll_up
from graphkit.analysis.timeline import dated_stances, dyad_polarity, timeline

__all__ = [
    "BalanceReport",
    "Blocs",
    "Step",
    "Triad",
    "balance",
    "blocs",
    "dated_stances",
    "dyad_polarity",
    "find_actor",
    "plot_dyad",
    "principals",
    "relations",
    "roll_up",
    "sentences",
    "signed_centrality",
    "stance_matrix",
    "stance_path",
    "timeline",
]
