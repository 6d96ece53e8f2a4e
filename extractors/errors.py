"""The one exception hierarchy of isswatch.

Every error that a user can cause (a bad feed, a bad config, a bad query) is an ``IsswatchError`` whose
message names the input, so that the CLI can print one line and exit 1 instead of a traceback.

    IsswatchError
    ├── InputError                 bad input given by the user
    │   ├── ConfigError            config file or environment variable
    │   ├── CatalogueError         facts catalogue (TOML)
    │   └── UnknownFact            a fact key that is not in the warehouse (isswatch facts ...)
    ├── FetchError                 downloading a feed or a page failed
    │   ├── FetchTimeout           the whole-response deadline passed
    │   ├── ResponseTooLarge       the size cap was reached (on the wire or decompressed)
    │   ├── BlockedAddress         a private or reserved address, or a scheme other than http(s)
    │   ├── TooManyRedirects       the redirect limit was reached, or a redirect loop
    │   ├── HTTPStatusError        the server answered with an error status (4xx, 5xx)
    │   └── TransportError         connection refused, reset, DNS failure, TLS error
    ├── ParseError                 a body that cannot be read as a feed or an article
    ├── WarehouseError             the DuckDB warehouse
    │   ├── WarehouseBusy          another process holds the write lock
    │   ├── QueryError             a user query failed (bad SQL)
    │   └── MigrationError         the schema could not be brought up to date
    └── DeliveryError              an alert could not be delivered
"""

from __future__ import annotations


class IsswatchError(Exception):
    """Base of every error isswatch raises on purpose; ``str(err)`` is a one-line message for users."""

    #: A short stable name stored in the warehouse (feed health, alert attempts).
    kind: str = "error"

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.source = source

    def __str__(self) -> str:
        message = super().__str__()
        return f"{self.source}: {message}" if self.source else message


class InputError(IsswatchError):
    kind = "input"


class ConfigError(InputError):
    kind = "config"


class CatalogueError(InputError):
    kind = "catalogue"


class UnknownFact(InputError):
    kind = "unknown_fact"


class FetchError(IsswatchError):
    kind = "fetch"


class FetchTimeout(FetchError):
    kind = "timeout"


class ResponseTooLarge(FetchError):
    kind = "too_large"


class BlockedAddress(FetchError):
    kind = "blocked_address"


class TooManyRedirects(FetchError):
    kind = "redirects"


class HTTPStatusError(FetchError):
    kind = "http_status"

    def __init__(
        self, message: str, *, source: str | None = None, status: int = 0, retry_after: float | None = None
    ) -> None:
        super().__init__(message, source=source)
        self.status = status
        self.retry_after = retry_after


class TransportError(FetchError):
    kind = "transport"


class ParseError(IsswatchError):
    kind = "parse"


class WarehouseError(IsswatchError):
    kind = "warehouse"


class WarehouseBusy(WarehouseError):
    kind = "busy"


class QueryError(WarehouseError):
    kind = "query"


class MigrationError(WarehouseError):
    kind = "migration"


class DeliveryError(IsswatchError):
    kind = "delivery"
