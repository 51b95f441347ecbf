"""The cognito-idp service model the tool ships, loaded by whatever botocore is installed.

The spec schema, the model facts and the unmodeled-field guard are generated from
one model; requests must be built and responses parsed with that same model, or a
member the schema accepts would be refused by an older botocore's client-side
validation, and a member a newer API returns would be dropped by its parser.
Pinning botocore would force that on users' environments, so the package carries
the model itself (``reconciler/data/models``, botocore's own layout, the file
byte for byte as botocore SHIPPED_BOTOCORE ships it) and puts that folder first on
botocore's data-loader search path: botocore's Loader takes extra data paths
(the same mechanism as ``~/.aws/models`` and boto3's own data folder), and
for one API version the first path holding the file wins. Everything else the
client needs (endpoint rule set, partitions) still comes from the installed
botocore, which finds its own file under the same API version.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import botocore.session

SERVICE = "cognito-idp"
# The only API version cognito-idp has ever had; pinned so that a future botocore
# adding another version can't make the loader pick a model we did not ship.
API_VERSION = "2016-04-18"
# The botocore release the shipped files come from (for messages and the docs).
SHIPPED_BOTOCORE = "1.44.8"
DATA_PATH = Path(__file__).resolve().parent.parent / "data" / "models"


def model_file() -> Path:
    return DATA_PATH / SERVICE / API_VERSION / "service-2.json.gz"


def use_shipped_model(session: botocore.session.Session) -> None:
    """Make ``session`` (and every client it creates) load the shipped model first."""
    loader = session.get_component("data_loader")
    path = str(DATA_PATH)
    if path not in loader.search_paths:
        loader.search_paths.insert(0, path)


def new_session() -> botocore.session.Session:
    """A fresh botocore session that loads the shipped cognito-idp model."""
    session = botocore.session.get_session()
    use_shipped_model(session)
    return session


@cache
def service_model() -> Any:
    """The shipped cognito-idp ``botocore.model.ServiceModel`` (cached: don't mutate)."""
    return new_session().get_service_model(SERVICE, api_version=API_VERSION)
