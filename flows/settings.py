"""Settings: typed objects read from a TOML file plus ISSWATCH_* environment variables, validated once.

The one place that knows the settings: pydantic-settings reads the file (its TOML source) and the
environment, and the methods of ``Settings`` hand each stage what it needs as the stage's own types
(``fetch_limits``, ``address_policy``, ``change_policy``, ``alert_channels``, ``feed_states``), so no
stage reads a setting by name or repeats a default. Errors name the file or variable.

Where the file comes from, first found wins: the ``--config`` option, ISSWATCH_CONFIG, ``./isswatch.toml``,
then the bundled ``flows/data/default_config.toml`` (real public feeds). Environment variables override
the file: ISSWATCH_DATA_DIR, ISSWATCH_WAREHOUSE, ISSWATCH_ALLOW_HOSTS="127.0.0.1,10.0.0.0/8",
ISSWATCH_ALERTS__URLS="mailto://...,json://...", nested keys with a double underscore (ISSWATCH_HTTP__DEADLINE=20).
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal, TextIO

from pydantic import BaseModel, Field, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from isswatch.extractors.errors import ConfigError
from isswatch.extractors.fetching.addresses import AddressPolicy
from isswatch.extractors.fetching.downloads import FetchLimits
from isswatch.extractors.fetching.polling import FeedState
from isswatch.warehouse.backoff import Backoff
from isswatch.warehouse.changes import ChangePolicy
from isswatch.warehouse.corroboration import DEFAULT_PRIMARY_SPEAKERS
from isswatch.warehouse.lake import Lake

if TYPE_CHECKING:
    from isswatch.flows.alerts import Channel

DEFAULT_CONFIG = Path(__file__).parent / "data" / "default_config.toml"
LOCAL_CONFIG = Path("isswatch.toml")

#: The TOML file ``load_settings`` is reading (None: no file, as when ``Settings(...)`` is built in code).
_TOML_FILE: ContextVar[Path | None] = ContextVar("isswatch_toml_file", default=None)


def _split_commas(value: object) -> object:
    """Environment variables give lists as comma-separated strings."""
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return value


class FeedConfig(BaseModel):
    model_config = {"extra": "forbid"}

    url: str
    name: str | None = None
    lang: Literal["en", "fr", "ru"] | None = None
    #: An agency's own newsroom: one of its claims is corroboration enough.
    primary: bool = False
    #: Extra relevance terms for this feed only.
    terms: list[str] = Field(default_factory=list)
    #: Skip the relevance filter: every entry of this feed is about the ISS (an ISS blog, say).
    all_relevant: bool = False

    @field_validator("url")
    @classmethod
    def _http_url(cls, v: str) -> str:
        v = v.strip()
        if not v.lower().startswith(("http://", "https://")) or len(v) < 12:
            raise ValueError(f"feed url {v!r} must be an http:// or https:// URL")
        return v

    def state(self) -> FeedState:
        """This feed as the round and the warehouse see it (no validators yet: the warehouse adds them)."""
        return FeedState(
            self.url, self.name, self.lang, self.primary, terms=tuple(self.terms), all_relevant=self.all_relevant
        )


class HttpConfig(BaseModel):
    model_config = {"extra": "forbid"}

    deadline: float = Field(default=30.0, gt=0, le=600, description="seconds for a whole response")
    connect_timeout: float = Field(default=10.0, gt=0, le=120)
    max_feed_bytes: int = Field(default=5_000_000, gt=1000)
    max_page_bytes: int = Field(default=5_000_000, gt=1000)
    max_redirects: int = Field(default=5, ge=0, le=20)
    user_agent: str = "isswatch/0.1 (ISS news monitor)"
    concurrency: int = Field(default=16, ge=1, le=128, description="requests in flight in a round")
    per_host: int = Field(default=2, ge=1, le=16, description="requests in flight to one host")

    def limits(self, kind: Literal["feed", "page"]) -> FetchLimits:
        """The limits of one feed poll or one page download (they differ only in their size cap)."""
        return FetchLimits(
            deadline=self.deadline,
            connect_timeout=self.connect_timeout,
            max_bytes=self.max_feed_bytes if kind == "feed" else self.max_page_bytes,
            max_redirects=self.max_redirects,
            user_agent=self.user_agent,
        )


class RelevanceConfig(BaseModel):
    """Terms naming the subjects isswatch follows; `*` at the end of a term matches any ending."""

    model_config = {"extra": "forbid"}

    en: list[str] = Field(default_factory=list)
    fr: list[str] = Field(default_factory=list)
    ru: list[str] = Field(default_factory=list)

    def all_terms(self) -> list[str]:
        return [*self.en, *self.fr, *self.ru]


class ExtractionConfig(BaseModel):
    model_config = {"extra": "forbid"}

    workers: int = Field(default=2, ge=1, le=32, description="processes extracting pages")
    timeout: float = Field(default=30.0, gt=0, description="seconds for one page before its worker is killed")
    max_articles: int = Field(default=500, ge=1, description="pages fetched in one round at most")
    pages_in_flight: int = Field(
        default=256,
        ge=2,
        le=10_000,
        description="pages downloaded and not yet stored, at most (bounds a round's memory)",
    )


class DaskConfig(BaseModel):
    """Extraction batches on Dask (prefect-dask): an existing scheduler, or a local cluster of N workers."""

    model_config = {"extra": "forbid"}

    address: str | None = Field(default=None, description="scheduler address, e.g. tcp://10.0.0.5:8786")
    workers: int = Field(default=0, ge=0, le=256, description="local cluster of this many worker processes (0: off)")
    batch: int = Field(
        default=200, ge=1, le=10_000, description="records in one extraction task (also the write batch)"
    )

    @property
    def enabled(self) -> bool:
        return bool(self.address) or self.workers > 0


class LakeConfig(BaseModel):
    """A DuckLake warehouse that several machines can write (docs/decisions.md): set ``catalog`` to use it."""

    model_config = {"extra": "forbid"}

    catalog: str | None = Field(
        default=None,
        description="libpq connection string of the PostgreSQL catalog, "
        "e.g. 'dbname=isswatch host=10.0.0.5 user=isswatch'",
    )
    data_path: str | None = Field(
        default=None, description="where the Parquet files go (a folder or s3://...); default: <data_dir>/lake/"
    )


class AlertChannelConfig(BaseModel):
    """A named apprise channel: ``[[alerts.channels]]`` with name, url, digest and format."""

    model_config = {"extra": "forbid"}

    name: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
    url: str
    #: Hold this channel's alerts for one message a day at ``alerts.digest_hour`` (UTC).
    digest: bool = False
    #: Message format; None: what the service prefers (HTML for mail, Markdown for Slack...).
    format: Literal["text", "markdown", "html"] | None = None

    @field_validator("url")
    @classmethod
    def _has_scheme(cls, v: str) -> str:
        if "://" not in v:
            raise ValueError("alert url must be an apprise URL such as mailtos://... or json://...")
        return v.strip()


class AlertsConfig(BaseModel):
    """Change detection and alert delivery (docs/alerts.md)."""

    model_config = {"extra": "forbid"}

    #: apprise URLs, each one channel named by its scheme and a hash (ISSWATCH_ALERTS__URLS="a,b").
    urls: Annotated[list[str], NoDecode] = Field(default_factory=list)
    channels: list[AlertChannelConfig] = Field(default_factory=list)
    console: bool = True
    min_confidence: float = Field(default=0.6, ge=0, le=1)
    min_outlets: int = Field(default=2, ge=1, description="independent outlets needed to accept a value")
    max_attempts: int = Field(default=10, ge=1)
    #: Speakers whose word is a primary source (empty: the agency heads built in).
    primary_speakers: Annotated[list[str], NoDecode] = Field(default_factory=list)
    #: Article hosts that are primary sources besides feeds marked ``primary``.
    primary_hosts: Annotated[list[str], NoDecode] = Field(default_factory=list)
    window_days: float = Field(
        default=30, gt=0, le=3650, description="claims older than this (before the newest) no longer count"
    )
    concurrency_hours: float = Field(
        default=24, ge=0, le=24 * 60, description="reports this close count as simultaneous"
    )
    memory_days: float = Field(
        default=90,
        gt=0,
        le=3650,
        description="how far back the accepted value's outlets count against a new value (at least window_days)",
    )
    persistence_days: float = Field(
        default=1,
        ge=0,
        le=30,
        description="how far apart a new value's first and last reports must be before its change is alerted",
    )
    alert_disagreements: bool = True
    retry_base_seconds: float = Field(default=60, gt=0, le=86400)
    retry_max_seconds: float = Field(default=6 * 3600, gt=0)
    digest_hour: int = Field(default=8, ge=0, le=23, description="UTC hour of the daily digest")

    _split = field_validator("urls", "primary_speakers", "primary_hosts", mode="before")(_split_commas)

    @field_validator("urls")
    @classmethod
    def _apprise_urls(cls, urls: list[str]) -> list[str]:
        for u in urls:
            if "://" not in u:
                raise ValueError(f"alert url #{urls.index(u) + 1} must be an apprise URL such as mailtos://...")
        return urls

    @property
    def digest_channels(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.channels if c.digest)

    def change_policy(self) -> ChangePolicy:
        """What change detection needs: thresholds, primary sources, time windows, digest channels."""
        return ChangePolicy(
            min_confidence=self.min_confidence,
            min_outlets=self.min_outlets,
            primary_speakers=tuple(self.primary_speakers) or DEFAULT_PRIMARY_SPEAKERS,
            primary_hosts=tuple(h.lower() for h in self.primary_hosts),
            window=dt.timedelta(days=self.window_days),
            concurrency=dt.timedelta(hours=self.concurrency_hours),
            memory=dt.timedelta(days=self.memory_days),
            persistence=dt.timedelta(days=self.persistence_days),
            alert_disagreements=self.alert_disagreements,
            digest_channels=self.digest_channels,
        )

    def backoff(self) -> Backoff:
        """The wait between delivery attempts of one alert."""
        return Backoff(dt.timedelta(seconds=self.retry_base_seconds), dt.timedelta(seconds=self.retry_max_seconds))


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ISSWATCH_", env_nested_delimiter="__", extra="forbid")

    data_dir: Path = Path("data")
    warehouse: Path | None = None
    catalogue: Path | None = None
    schedule: str = "*/30 * * * *"
    timezone: str = "UTC"
    allow_hosts: Annotated[list[str], NoDecode] = Field(default_factory=list)
    http: HttpConfig = Field(default_factory=HttpConfig)
    relevance: RelevanceConfig = Field(default_factory=RelevanceConfig)
    extraction: ExtractionConfig = Field(default_factory=ExtractionConfig)
    alerts: AlertsConfig = Field(default_factory=AlertsConfig)
    dask: DaskConfig = Field(default_factory=DaskConfig)
    lake: LakeConfig = Field(default_factory=LakeConfig)
    feeds: list[FeedConfig] = Field(default_factory=list)
    #: Where these settings were read from, for messages.
    source: str = Field(default="defaults", exclude=True)

    _split = field_validator("allow_hosts", mode="before")(_split_commas)

    @field_validator("feeds")
    @classmethod
    def _unique_feeds(cls, feeds: list[FeedConfig]) -> list[FeedConfig]:
        seen: set[str] = set()
        for f in feeds:
            if f.url in seen:
                raise ValueError(f"feed {f.url} is listed twice")
            seen.add(f.url)
        return feeds

    def address_policy(self) -> AddressPolicy:
        """Which hosts feeds, pages and alert channels may reach (``allow_hosts``)."""
        return AddressPolicy.from_strings(self.allow_hosts)

    def fetch_limits(self, kind: Literal["feed", "page"]) -> FetchLimits:
        return self.http.limits(kind)

    def change_policy(self) -> ChangePolicy:
        return self.alerts.change_policy()

    def feed_states(self) -> list[FeedState]:
        """The configured feeds, in config order, as the round and the warehouse take them."""
        return [f.state() for f in self.feeds]

    def alert_channels(self, *, stream: TextIO | None = None) -> list[Channel]:
        """The alert channels, checked (a bad apprise URL is a ConfigError naming its channel)."""
        from isswatch.flows.alerts import build_channels

        return build_channels(self.alerts, self.address_policy(), stream=stream)

    @property
    def warehouse_path(self) -> Path | Lake:
        """The DuckDB file, or the DuckLake when ``lake.catalog`` is set (both open with ``warehouse.connection``)."""
        if self.lake.catalog:
            return Lake(self.lake.catalog, self.lake.data_path or str(self.data_dir / "lake") + "/")
        return self.warehouse or self.data_dir / "isswatch.duckdb"

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # First wins: the environment, then values given in code, then the TOML file being loaded.
        return env_settings, init_settings, TomlConfigSettingsSource(settings_cls, toml_file=_TOML_FILE.get())


def config_path(explicit: Path | str | None = None) -> Path:
    """The config file to read, by the precedence in the module docstring."""
    if explicit:
        return Path(explicit)
    if os.environ.get("ISSWATCH_CONFIG"):
        return Path(os.environ["ISSWATCH_CONFIG"])
    if LOCAL_CONFIG.is_file():
        return LOCAL_CONFIG
    return DEFAULT_CONFIG


def _describe(err: ValidationError) -> str:
    first = err.errors()[0]
    where = ".".join(str(p) for p in first.get("loc", ())) or "config"
    more = f" (and {err.error_count() - 1} more)" if err.error_count() > 1 else ""
    return f"{where}: {first.get('msg', 'invalid')}{more}"


def load_settings(path: Path | str | None = None) -> Settings:
    """Read and validate the settings; any problem is a ConfigError naming the file or variable."""
    p = config_path(path)
    try:
        p.open("rb").close()  # the TOML source would skip a file it cannot open: say why here
    except FileNotFoundError:
        raise ConfigError("config file not found", source=str(p)) from None
    except OSError as err:
        raise ConfigError(f"cannot read config file: {err}", source=str(p)) from None
    token = _TOML_FILE.set(p)
    try:
        settings = Settings()
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"cannot read config file: {err}", source=str(p)) from None
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"not valid TOML: {err}", source=str(p)) from None
    except ValidationError as err:
        raise ConfigError(f"invalid setting {_describe(err)}", source=f"{p} or ISSWATCH_* variables") from None
    finally:
        _TOML_FILE.reset(token)
    settings.source = str(p)
    return settings
