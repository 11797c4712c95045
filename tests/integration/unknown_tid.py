#!/usr/bin/env python3
"""unknown_tid.py: checks RFC 1350's unknown transfer ID rule against a running server.

Usage: unknown_tid.py HOST PORT FILE SIZE
Starts a lock-step octet read of FILE, sends an ACK to the transfer's port from a second
socket, expects error 5 there, then finishes the real transfer and checks it got SIZE bytes.
Prints one line and exits 0 on success, 1 otherwise."""
import socket
import struct
import sys

host, port, name, size = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])


def make_socket():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(3)
    s.bind(("127.0.0.1", 0))
    return s


def fail(why):
    print("unknown_tid: " + why)
    sys.exit(1)


client, stranger = make_socket(), make_socket()
client.sendto(b"\0\1" + name.encode() + b"\0octet\0", (host, port))
packet, tid = client.recvfrom(1024)
if packet[:4] != b"\0\3\0\1":
    fail("expected DATA block 1, got %r" % packet[:4])

stranger.sendto(b"\0\4\0\1", tid)
reply, source = stranger.recvfrom(1024)
opcode, code = struct.unpack("!HH", reply[:4])
if (opcode, code, source) != (5, 5, tid):
    fail("expected error 5 from %r, got opcode %d code %d from %r" % (tid, opcode, code, source))

received = len(packet) - 4
block = 1
while len(packet) - 4 == 512 and block < 1000:
    client.sendto(struct.pack("!HH", 4, block), tid)
    packet, source = client.recvfrom(1024)
    block += 1
    if source != tid or packet[:4] != struct.pack("!HH", 3, block):
        fail("transfer broke after the stranger's ACK at block %d" % block)
    received += len(packet) - 4
client.sendto(struct.pack("!HH", 4, block), tid)
if received != size:
    fail("received %d bytes, expected %d" % (received, size))
print("unknown_tid: stranger got error 5, transfer of %d bytes completed" % received)
