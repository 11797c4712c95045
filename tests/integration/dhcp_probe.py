#!/usr/bin/env python3
"""dhcp_probe.py: a DHCP relay agent with one PXE client behind it, for the sites test.

Sends one DHCPDISCOVER as a relay would forward it (RFC 2131 4.1: giaddr set, from the
relay's address to the server's port 67), describing the client by option 93, option 60
and optionally option 77, waits a bounded time for the server's DHCPOFFER at the relay's
port 67 and prints what the client would boot:

    siaddr=10.1.0.5 file=undionly.kpxe opt66=- opt67=-

Usage: dhcp_probe.py SERVER GIADDR ARCH [USER_CLASS]. Exits 1 when no offer came."""
import os
import socket
import struct
import sys
import time

COOKIE = b"\x63\x82\x53\x63"
WAIT_S = 5


def discover(giaddr, arch, user_class, xid, mac):
    vendor = b"PXEClient:Arch:%05d:UNDI:003016" % arch
    fixed = struct.pack("!BBBBIHH4s4s4s4s16s64s128s", 1, 1, 6, 1, xid, 0, 0,
                        bytes(4), bytes(4), bytes(4), socket.inet_aton(giaddr),
                        mac + bytes(10), bytes(64), bytes(128))
    opts = bytes([53, 1, 1, 93, 2]) + struct.pack("!H", arch)
    opts += bytes([60, len(vendor)]) + vendor
    if user_class:
        opts += bytes([77, len(user_class)]) + user_class.encode()
    opts += bytes([55, 5, 1, 3, 60, 66, 67, 255])
    return fixed + COOKIE + opts


def options(packet):
    found, i = {}, 240
    while i < len(packet) and packet[i] != 255:
        if packet[i] == 0:
            i += 1
            continue
        code, size = packet[i], packet[i + 1]
        found[code] = packet[i + 2:i + 2 + size]
        i += 2 + size
    return found


def text(raw):
    return raw.split(b"\0", 1)[0].decode("ascii", "replace") or "-"


def main():
    server, giaddr, arch = sys.argv[1], sys.argv[2], int(sys.argv[3])
    user_class = sys.argv[4] if len(sys.argv) > 4 else ""
    xid = int.from_bytes(os.urandom(4), "big")
    mac = b"\x52\x54\x00" + os.urandom(3)
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((giaddr, 67))
    sock.settimeout(1)
    end = time.monotonic() + WAIT_S
    sock.sendto(discover(giaddr, arch, user_class, xid, mac), (server, 67))
    while time.monotonic() < end:
        try:
            packet = sock.recv(2048)
        except socket.timeout:
            continue
        if len(packet) < 240 or struct.unpack("!I", packet[4:8])[0] != xid:
            continue
        opts = options(packet)
        if opts.get(53) != b"\x02":
            continue
        print("siaddr=%s file=%s opt66=%s opt67=%s" % (
            socket.inet_ntoa(packet[20:24]), text(packet[108:236]),
            text(opts.get(66, b"")), text(opts.get(67, b""))))
        return 0
    print("no offer within %d s" % WAIT_S)
    return 1


if __name__ == "__main__":
    sys.exit(main())
