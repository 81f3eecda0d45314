"""Fetching a URL for someone else without being turned against our own network (SSRF).

A URL given to the web UI may name, or redirect to, or resolve (perhaps only the second
time it is looked up) to a loopback, private or link-local address: the server's own admin
ports, a cloud metadata service, the office network. ``GuardedTransport`` checks every
connection httpx opens, redirects included, at the moment it opens it: it resolves the
host, refuses the connection unless every address is public, and connects to the address
it checked, so a second lookup cannot swap in another (DNS rebinding).
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

import certifi
import httpcore
import httpx

from oplens.errors import FetchError

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
# Decides whether a connection to an address may be made.
Policy = Callable[[Address], bool]


def is_public(address: Address) -> bool:
    """Tell whether an address is on the public internet (not loopback, private, link-local,
    shared, reserved, documentation or multicast)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def _kind(address: Address) -> str:
    """ "a loopback", "an unspecified", ...: what kind of non-public address it is."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    for kind in ("unspecified", "loopback", "link_local", "multicast", "private", "reserved"):
        if getattr(address, f"is_{kind}"):
            name = kind.replace("_", "-")
            return f"{'an' if name[0] in 'aeiou' else 'a'} {name}"
    return "a non-public"


def resolve(host: str, port: int) -> list[Address]:
    """Return every address ``host`` resolves to (an IP literal resolves to itself).

    Raises:
        FetchError: the name does not resolve.
    """
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(f"cannot resolve the host {host}: {error}") from None
    # The scope id of a link-local IPv6 address ("fe80::1%eth0") is not part of the address.
    return list(
        dict.fromkeys(ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos)
    )


def _literal(host: str) -> Address | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def refusal(host: str, addresses: Iterable[Address], policy: Policy) -> str | None:
    """Return why a connection to ``host`` is refused, or None when every address passes."""
    for address in addresses:
        if not policy(address):
            shown = host.strip("[]") if _literal(host) == address else f"{host} ({address})"
            return (
                f"refusing to fetch from {shown}: {_kind(address)} address "
                "(start oplens serve with --allow-private-urls to allow it)"
            )
    return None


def check_url(url: str, policy: Policy = is_public) -> None:
    """Refuse a URL up front: not http(s), no host, or a host with a non-public address.

    Raises:
        FetchError: with a one-line reason.
    """
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(f"only http and https URLs can be analysed, not {parts.scheme or url!r}")
    if not parts.hostname:
        raise FetchError(f"the URL {url!r} has no host")
    try:
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError:
        raise FetchError(f"the URL {url!r} has a bad port") from None
    reason = refusal(parts.hostname, resolve(parts.hostname, port), policy)
    if reason:
        raise FetchError(reason)


class _GuardedBackend(httpcore.SyncBackend):
    """Opens TCP connections only to addresses the policy allows, and to those it checked."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            addresses = resolve(host, port)
        except FetchError as error:
            raise httpcore.ConnectError(str(error)) from None
        reason = refusal(host, addresses, self.policy)
        if reason:
            raise httpcore.ConnectError(reason)
        # TLS still checks the certificate against the URL's host name, not this address.
        return super().connect_tcp(str(addresses[0]), port, timeout, local_address, socket_options)


class GuardedTransport(httpx.HTTPTransport):
    """An httpx transport whose every connection goes through the address policy."""

    def __init__(self, policy: Policy = is_public) -> None:
        super().__init__(trust_env=False)
        # httpx has no public way to hand httpcore a network backend; its transport sends
        # every request through ``_pool``, so that is replaced with a guarded one.
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl.create_default_context(cafile=certifi.where()),
            network_backend=_GuardedBackend(policy),
        )
