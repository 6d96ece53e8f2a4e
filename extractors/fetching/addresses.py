"""The address guard: which IP addresses isswatch may connect to.

Feeds and article links come from the internet, and so do their redirects. Without a guard, a feed (or a
redirect from one) could make isswatch fetch ``http://169.254.169.254/`` (cloud metadata), a router's admin
page or a service on localhost, and store what it answers. ``AddressPolicy.check`` refuses every address
that is not globally routable (private, loopback, link-local, CGNAT 100.64.0.0/10, multicast, unspecified,
reserved, documentation ranges, and IPv6 forms that embed one of those: IPv4-mapped, 6to4, NAT64, Teredo)
unless an allowlist entry (a hostname or a CIDR) permits it.

The check is made by ``fetching.downloads`` at the connection layer, on the address actually connected
to, for every hop including redirects; see ``docs/fetching.md``.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from dataclasses import dataclass

from isswatch.extractors.errors import BlockedAddress, ConfigError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

#: Name of the environment variable holding comma-separated allowlist entries.
ENV_VAR = "ISSWATCH_ALLOW_HOSTS"

_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")
_LABEL = r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?"
_HOSTNAME = re.compile(rf"^(?=.{{1,253}}$){_LABEL}(?:\.{_LABEL})*$")


def blocked_reason(ip: str | IPAddress) -> str | None:
    """Why ``ip`` is refused by default (e.g. ``"loopback"``), or None for a globally routable address."""
    addr = _parse_ip(ip) if isinstance(ip, str) else ip
    if addr is None:
        return "not an IP address"
    if isinstance(addr, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(addr)
        if embedded is not None:
            reason = blocked_reason(embedded)
            return f"IPv6 form of a {reason} address" if reason else None
    if addr.is_unspecified:
        return "unspecified"
    if addr.is_loopback:
        return "loopback"
    if addr.is_link_local:
        return "link-local"
    if addr.is_multicast:
        return "multicast"
    if isinstance(addr, ipaddress.IPv4Address) and addr in _CGNAT:
        return "shared (CGNAT)"
    if addr.is_private:
        return "private"
    if addr.is_reserved:
        return "reserved"
    if isinstance(addr, ipaddress.IPv6Address) and addr.is_site_local:
        return "site-local"
    if not addr.is_global:
        return "not globally routable"
    return None


def _embedded_ipv4(addr: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if addr.ipv4_mapped is not None:
        return addr.ipv4_mapped
    if addr.sixtofour is not None:
        return addr.sixtofour
    if addr.teredo is not None:
        return addr.teredo[1]
    if addr in _NAT64 or addr in _NAT64_LOCAL:
        return ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF)
    # IPv4-compatible (deprecated) ::a.b.c.d, but not :: and ::1 themselves
    if int(addr) >> 32 == 0 and int(addr) > 1:
        return ipaddress.IPv4Address(int(addr))
    return None


def _parse_ip(text: str) -> IPAddress | None:
    text = text.strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    text = text.split("%", 1)[0]  # IPv6 zone id
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _normalise_host(host: str) -> str:
    host = host.strip().lower().rstrip(".")
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    return host


@dataclass(frozen=True)
class AddressPolicy:
    """Refuses non-public addresses except those an allowlist entry permits.

    ``networks`` are CIDRs (a bare IP is a /32 or /128); ``hosts`` are exact host names (lower case,
    no trailing dot) whose every resolved address is permitted. An empty policy is the safe default.
    """

    networks: tuple[IPNetwork, ...] = ()
    hosts: frozenset[str] = frozenset()

    @classmethod
    def from_strings(cls, entries: Iterable[str]) -> AddressPolicy:
        """Build a policy from entries like ``"127.0.0.1"``, ``"localhost"``, ``"10.0.0.0/8"``, ``"::1"``.

        Raises ``ConfigError`` naming the first entry that is neither a hostname nor an IP/CIDR.
        """
        networks: list[IPNetwork] = []
        hosts: set[str] = set()
        for raw in entries:
            entry = _normalise_host(str(raw))
            if not entry:
                continue
            if any(ch.isdigit() for ch in entry) and ("/" in entry or ":" in entry or _looks_like_ipv4(entry)):
                try:
                    networks.append(ipaddress.ip_network(entry, strict=False))
                except ValueError as err:
                    raise ConfigError(f"allow_hosts entry {raw!r} is not a valid IP address or CIDR ({err})") from None
                continue
            try:
                ascii_host = entry.encode("idna").decode("ascii")
            except UnicodeError:
                ascii_host = ""
            if not _HOSTNAME.match(ascii_host):
                raise ConfigError(f"allow_hosts entry {raw!r} is neither a hostname nor an IP address or CIDR")
            hosts.add(ascii_host)
        return cls(networks=tuple(networks), hosts=frozenset(hosts))

    @classmethod
    def from_env_value(cls, value: str | None) -> AddressPolicy:
        """Build a policy from a comma- (or whitespace-) separated string, as in ``ISSWATCH_ALLOW_HOSTS``."""
        if not value:
            return cls()
        return cls.from_strings(part for part in re.split(r"[,\s]+", value) if part)

    def __bool__(self) -> bool:  # an empty policy is still a policy; never treat it as "no policy"
        return True

    def permits(self, host: str, ip: str) -> bool:
        """True when ``ip`` (reached as ``host``) may be connected to."""
        addr = _parse_ip(ip)
        if addr is None:
            return False
        if _normalise_host(host) in self.hosts:
            return True
        if any(_in_network(addr, net) for net in self.networks):
            return True
        return blocked_reason(addr) is None

    def check(self, host: str, ip: str) -> None:
        """Raise ``BlockedAddress`` unless ``ip`` (the address about to be connected to for ``host``) is allowed."""
        if self.permits(host, ip):
            return
        addr = _parse_ip(ip)
        reason = blocked_reason(addr) if addr is not None else "not an IP address"
        raise BlockedAddress(
            f"refusing to connect to {host} at {ip}: {reason} address (add it to allow_hosts / {ENV_VAR} to permit it)"
        )

    def describe(self) -> str:
        """A one-line summary for logs and ``feeds check``."""
        parts = [str(net) for net in self.networks] + sorted(self.hosts)
        return "public addresses only" if not parts else "public addresses and " + ", ".join(parts)


def _looks_like_ipv4(entry: str) -> bool:
    return bool(re.fullmatch(r"[0-9.]+", entry))


def _in_network(addr: IPAddress, net: IPNetwork) -> bool:
    if addr.version == net.version:
        return addr in net
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        return addr.ipv4_mapped in net
    return False
