#!/usr/bin/env python3
"""host_port_relay.py: the HTTP Boot test's stand-in for what wine 8's http.sys lacks
(tests/e2e/http.sh, docs/http.md). EDK2's HTTP Boot sends "Host: 192.0.2.1" without the URL's
port; Windows' HTTP.sys routes a request by the port it came in on, wine's by the port in the
Host header, so wine never hands such a request to the service (nor answers it). This relay
takes the connections the test's namespace redirects to it, adds the port to a Host header
that has none, and passes everything else on unchanged both ways.

Usage: host_port_relay.py LISTEN_PORT TARGET_HOST TARGET_PORT
Prints "relay: listening" once it accepts, and one line per rewritten Host header."""
import asyncio
import re
import sys

HOST = re.compile(rb"^(Host:[ \t]*)([^:\r\n]+)(\r\n)", re.IGNORECASE | re.MULTILINE)


async def pipe(reader, writer, rewrite):
    try:
        while data := await reader.read(65536):
            writer.write(rewrite(data))
            await writer.drain()
    except ConnectionError:
        pass
    finally:
        writer.close()


def main():
    listen_port, target_host, target_port = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])

    # GET and HEAD have no body: what a boot client sends is only request headers.
    def add_port(data):
        fixed, count = HOST.subn(rb"\g<1>\g<2>:%d\g<3>" % target_port, data)
        if count:
            print("relay: added the port to %d Host header(s)" % count, flush=True)
        return fixed

    async def serve(client_r, client_w):
        server_r, server_w = await asyncio.open_connection(target_host, target_port)
        await asyncio.gather(pipe(client_r, server_w, add_port),
                             pipe(server_r, client_w, lambda d: d))

    async def run():
        server = await asyncio.start_server(serve, "0.0.0.0", listen_port)
        print("relay: listening", flush=True)
        await server.serve_forever()

    asyncio.run(run())


if __name__ == "__main__":
    main()
