#!/usr/bin/env python3
"""pxe_client.py: a PXE client's DHCP messages for the proxyDHCP test (proxydhcp.sh).

  pxe_client.py discover IFACE MAC ARCH [USER_CLASS]
      broadcasts a PXE DHCPDISCOVER (PXE 2.1: options 53, 55, 60 PXEClient:Arch:...,
      93, 94, 97) from 0.0.0.0:68 on IFACE and waits a bounded time for the DHCPOFFER of
      its xid at port 68;
  pxe_client.py request SERVER MAC ARCH [USER_CLASS]
      sends a DHCPREQUEST to SERVER:4011 from an ephemeral port, as a PXE client does
      after choosing a proxy's offer, and waits for the DHCPACK at that port;
  pxe_client.py junk SERVER PORT
      sends one datagram that is no DHCP message.

An answer is printed as one line:

    type=2 yiaddr=0.0.0.0 siaddr=10.9.0.1 file=undionly.kpxe opt60=PXEClient opt54=10.9.0.1

Exits 1 when no answer came within WAIT_S seconds."""
import socket
import struct
import sys
import time

from dhcp_probe import options, text

COOKIE = b"\x63\x82\x53\x63"
WAIT_S = 3
SO_BINDTODEVICE = 25


def message(kind, mac, arch, user_class, xid, ciaddr=b"\0" * 4):
    vendor = b"PXEClient:Arch:%05d:UNDI:002001" % arch
    fixed = struct.pack("!BBBBIHH4s4s4s4s16s64s128s", 1, 1, 6, 0, xid, 0, 0x8000,
                        ciaddr, bytes(4), bytes(4), bytes(4), mac + bytes(10),
                        bytes(64), bytes(128))
    opts = bytes([53, 1, kind, 93, 2]) + struct.pack("!H", arch)
    opts += bytes([94, 3, 1, 2, 1, 97, 17, 0]) + bytes(range(16))
    opts += bytes([60, len(vendor)]) + vendor
    if user_class:
        opts += bytes([77, len(user_class)]) + user_class.encode()
    opts += bytes([55, 6, 1, 3, 43, 60, 66, 67, 255])
    return fixed + COOKIE + opts


def describe(packet):
    opts = options(packet)
    kind = opts.get(53, b"\0")[0]
    server = socket.inet_ntoa(opts[54]) if len(opts.get(54, b"")) == 4 else "-"
    return "type=%d yiaddr=%s siaddr=%s file=%s opt60=%s opt54=%s" % (
        kind, socket.inet_ntoa(packet[16:20]), socket.inet_ntoa(packet[20:24]),
        text(packet[108:236]), text(opts.get(60, b"")), server)


def wait_answer(sock, xid):
    end = time.monotonic() + WAIT_S
    while time.monotonic() < end:
        try:
            packet, _ = sock.recvfrom(2048)
        except socket.timeout:
            continue
        except ConnectionRefusedError:
            return None  # port unreachable: nothing listens there
        if len(packet) >= 240 and packet[0] == 2 and struct.unpack("!I", packet[4:8])[0] == xid:
            return describe(packet)
    return None


def parse_mac(text):
    return bytes(int(part, 16) for part in text.split(":"))


def discover(iface, mac, arch, user_class):
    xid = 0x50584500 | mac[-1]
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
    sock.setsockopt(socket.SOL_SOCKET, SO_BINDTODEVICE, iface.encode() + b"\0")
    sock.bind(("0.0.0.0", 68))
    sock.settimeout(0.5)
    sock.sendto(message(1, mac, arch, user_class, xid), ("255.255.255.255", 67))
    return wait_answer(sock, xid)


def request(server, mac, arch, user_class):
    xid = 0x50584600 | mac[-1]
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.connect((server, 4011))
    ciaddr = socket.inet_aton(sock.getsockname()[0])
    sock.settimeout(0.5)
    sock.send(message(3, mac, arch, user_class, xid, ciaddr))
    return wait_answer(sock, xid)


def main():
    what = sys.argv[1]
    if what == "junk":
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sock.sendto(b"\x01junk, no DHCP message", (sys.argv[2], int(sys.argv[3])))
        return 0
    target, mac, arch = sys.argv[2], parse_mac(sys.argv[3]), int(sys.argv[4])
    user_class = sys.argv[5] if len(sys.argv) > 5 else ""
    answer = (discover if what == "discover" else request)(target, mac, arch, user_class)
    if answer is None:
        print("no answer")
        return 1
    print(answer)
    return 0


if __name__ == "__main__":
    sys.exit(main())
