"""graphkit: geopolitical actor-relationship knowledge graphs from news."""

from graphkit.graph import StanceGraph
from graphkit.model import Actor, ActorType, Evidence, Polarity, Stance

__version__ = "0.1.0"

__all__ = ["Actor", "ActorType", "Evidence", "Polarity", "Stance", "StanceGraph", "__version__"]
