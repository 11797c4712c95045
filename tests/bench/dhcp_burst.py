#!/usr/bin/env python3
"""dhcp_burst.py: make bench's proxyDHCP load: a burst of PXE DHCPDISCOVERs from many
simulated clients, and how many a proxyDHCP server answered and how fast.

  dhcp_burst.py IFACE CLIENTS DEADLINE_S LABEL

Client i has its own MAC (02:50:58:xx:xx:xx), its own xid and an architecture (option 93)
of 0, 7, 9 and 11 in turn; every fifth sends user class iPXE. All DHCPDISCOVERs are
broadcast from 0.0.0.0:68 on IFACE (PXE 2.1: a client has no address yet) as fast as they
go, the offers read meanwhile at port 68 (a proxy's offer goes to 255.255.255.255:68) and
matched by xid; the first offer per client counts. Reading stops when every client has its
offer or DEADLINE_S seconds after the last DHCPDISCOVER. Prints one line:

    RESULT label=LABEL clients=1000 answered=1000 p50_ms=0.41 p99_ms=2.30 burst_ms=35

(p50/p99: the time from a client's DHCPDISCOVER to its offer, over the answered ones;
"-" when none was answered). Run it inside a network namespace the bench made."""
import os
import select
import socket
import struct
import sys
import time

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "integration"))
from dhcp_probe import options  # noqa: E402
from pxe_client import SO_BINDTODEVICE, message  # noqa: E402

ARCHES = (0, 7, 9, 11)
DHCPDISCOVER, DHCPOFFER = 1, 2


def clients(count, base):
    """(xid, mac, arch, user class) of each simulated client."""
    for i in range(count):
        mac = b"\x02\x50\x58" + i.to_bytes(3, "big")
        yield (base + i) & 0xFFFFFFFF, mac, ARCHES[i % len(ARCHES)], "iPXE" if i % 5 == 0 else ""


def open_socket(iface):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
    sock.setsockopt(socket.SOL_SOCKET, SO_BINDTODEVICE, iface.encode() + b"\0")
    sock.bind(("0.0.0.0", 68))
    sock.setblocking(False)
    return sock


def read_offers(sock, sent, answered):
    """Takes every datagram waiting on sock; notes the first offer to each sent xid."""
    while True:
        try:
            packet = sock.recv(2048)
        except BlockingIOError:
            return
        now = time.monotonic_ns()
        if len(packet) < 240 or packet[0] != 2:
            continue
        xid = struct.unpack("!I", packet[4:8])[0]
        if xid in sent and xid not in answered and \
                options(packet).get(53, b"\0")[0] == DHCPOFFER:
            answered[xid] = now - sent[xid]


def percentile(values, p):
    if not values:
        return "-"
    ordered = sorted(values)
    return "%.2f" % (ordered[min(len(ordered) - 1, int(len(ordered) * p))] / 1e6)


def main():
    iface, count, deadline_s, label = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
    sock = open_socket(iface)
    sent, answered = {}, {}
    start = time.monotonic_ns()
    for xid, mac, arch, user_class in clients(count, int.from_bytes(os.urandom(4), "big")):
        sent[xid] = time.monotonic_ns()
        sock.sendto(message(DHCPDISCOVER, mac, arch, user_class, xid), ("255.255.255.255", 67))
        read_offers(sock, sent, answered)
    burst_ms = (time.monotonic_ns() - start) / 1e6
    end = time.monotonic() + deadline_s
    while len(answered) < count and time.monotonic() < end:
        select.select([sock], [], [], max(0.0, end - time.monotonic()))
        read_offers(sock, sent, answered)
    times = list(answered.values())
    print("RESULT label=%s clients=%d answered=%d p50_ms=%s p99_ms=%s burst_ms=%.0f" % (
        label, count, len(answered), percentile(times, 0.50), percentile(times, 0.99), burst_ms))


if __name__ == "__main__":
    main()
