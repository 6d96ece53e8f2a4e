"""The address guard: what is refused by default, and what an allowlist permits."""

from __future__ import annotations

import pytest

from isswatch.extractors.errors import BlockedAddress, ConfigError
from isswatch.extractors.fetching.addresses import AddressPolicy, blocked_reason


@pytest.mark.parametrize(
    "ip, reason",
    [
        ("127.0.0.1", "loopback"),
        ("127.255.0.9", "loopback"),
        ("10.0.0.1", "private"),
        ("172.16.5.4", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local"),
        ("100.64.0.1", "CGNAT"),
        ("100.127.255.254", "CGNAT"),
        ("0.0.0.0", "unspecified"),
        ("224.0.0.251", "multicast"),
        ("240.0.0.1", "private"),  # reserved 240/4 (Python files it under is_private)
        ("255.255.255.255", "private"),
        ("192.0.2.10", "private"),  # documentation
        ("198.18.0.1", "private"),  # benchmarking
        ("::1", "loopback"),
        ("::", "unspecified"),
        ("fe80::1", "link-local"),
        ("fc00::1", "private"),
        ("ff02::1", "multicast"),
        ("::ffff:127.0.0.1", "loopback"),  # IPv4-mapped
        ("::ffff:169.254.169.254", "link-local"),
        ("2002:a00:1::", "private"),  # 6to4 of 10.0.0.1
        ("64:ff9b::a9fe:a9fe", "link-local"),  # NAT64 of 169.254.169.254
        ("::10.0.0.1", "private"),  # IPv4-compatible
        ("fe80::1%eth0", "link-local"),  # with a zone id
    ],
)
def test_refused_by_default(ip: str, reason: str) -> None:
    assert reason in (blocked_reason(ip) or "")
    with pytest.raises(BlockedAddress) as info:
        AddressPolicy().check("example.com", ip)
    assert ip in str(info.value) and "example.com" in str(info.value)


@pytest.mark.parametrize("ip", ["8.8.8.8", "1.1.1.1", "93.184.216.34", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
def test_public_addresses_permitted(ip: str) -> None:
    assert blocked_reason(ip) is None
    AddressPolicy().check("example.com", ip)


def test_allowlist_by_cidr_and_host() -> None:
    policy = AddressPolicy.from_strings(["127.0.0.1", "10.0.0.0/8", "intranet.local", "::1", "[fd00::1]"])
    policy.check("anything", "127.0.0.1")
    policy.check("anything", "10.20.30.40")
    policy.check("anything", "::ffff:10.1.1.1")  # mapped form of a permitted IPv4
    policy.check("anything", "::1")
    policy.check("anything", "fd00::1")
    policy.check("INTRANET.local.", "192.168.7.7")  # host names: case and trailing dot ignored
    with pytest.raises(BlockedAddress):
        policy.check("anything", "127.0.0.2")
    with pytest.raises(BlockedAddress):
        policy.check("other.local", "192.168.7.7")
    with pytest.raises(BlockedAddress):
        policy.check("anything", "not-an-ip")


def test_from_env_value() -> None:
    policy = AddressPolicy.from_env_value(" 127.0.0.1, localhost ,,10.0.0.0/8 ")
    assert policy.hosts == frozenset({"localhost"})
    assert [str(n) for n in policy.networks] == ["127.0.0.1/32", "10.0.0.0/8"]
    assert AddressPolicy.from_env_value("") == AddressPolicy()
    assert AddressPolicy.from_env_value(None) == AddressPolicy()
    assert AddressPolicy().describe() == "public addresses only"
    assert "10.0.0.0/8" in policy.describe()


@pytest.mark.parametrize(
    "entry", ["10.0.0.0/33", "999.1.1.1", "http://example.com", "two words", "bad_host!", "1.2.3.4/8/9"]
)
def test_bad_entry_is_a_config_error_naming_it(entry: str) -> None:
    with pytest.raises(ConfigError) as info:
        AddressPolicy.from_strings(["127.0.0.1", entry])
    assert repr(entry) in str(info.value)


def test_empty_policy_is_truthy() -> None:
    # `allow or default` must never replace an explicit empty policy by something else
    assert bool(AddressPolicy())
