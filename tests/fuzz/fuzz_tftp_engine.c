/* fuzz_tftp_engine.c: libFuzzer target for the TFTP engine. The input is a script of events
 * (a request on the listening port, a datagram on the newest transfer socket from the client
 * or from a stranger, time passing), so packet parsing, option negotiation, path rules, the
 * transfer state machine and the sharing of a socket (every other transfer gets the newest
 * socket again) are all reached with hostile bytes. Files are served from
 * memory; sanitizers catch any bad access, and the engine's invariants are asserted. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tftp_path.h"
#include "tftp_server.h"

#define FUZZ_MAX_SOCKETS 64

typedef struct fuzz_world {
    int open[FUZZ_MAX_SOCKETS]; /* transfers holding each socket */
    int newest;
    int opens;                  /* every other transfer shares the newest socket */
    size_t blobs_held;
} fuzz_world;

static uint8_t small_file[1000];
static uint8_t big_file[70000];
static const tftp_blob small_blob = {small_file, sizeof small_file};
static const tftp_blob big_blob = {big_file, sizeof big_file};
static const tftp_blob empty_blob = {small_file, 0};

static int fuzz_open_socket(void *ctx, const pxb_addr *local, int avoid)
{
    fuzz_world *w = ctx;
    if (w->opens++ % 2 && w->newest >= 0 && w->open[w->newest] && w->newest + 1 != avoid) {
        w->open[w->newest]++;
        return w->newest + 1;
    }
    for (int i = 0; i < FUZZ_MAX_SOCKETS; i++) {
        if (!w->open[i] && i + 1 != avoid) {
            w->open[i] = 1;
            w->newest = i;
            return i + 1; /* handle 0 is the listening socket */
        }
    }
    return -1;
}

static void fuzz_close_socket(void *ctx, int sock)
{
    fuzz_world *w = ctx;
    if (sock < 1 || sock > FUZZ_MAX_SOCKETS || !w->open[sock - 1])
        abort(); /* closing a socket that is not open is an engine bug */
    w->open[sock - 1]--;
}

static void fuzz_send(void *ctx, int sock, const pxb_addr *to, const pxb_datagram *d, size_t n)
{
    if (n < 1 || n > TFTP_SEND_BATCH)
        abort(); /* the engine hands over one datagram at least, a batch at most */
    for (size_t i = 0; i < n; i++) {
        size_t len = pxb_datagram_len(&d[i]);
        if (len < 4 || len > 65468 || (d[i].body_len && d[i].body == NULL))
            abort(); /* every TFTP packet the engine sends has an opcode and fits a datagram */
    }
    (void)ctx, (void)sock, (void)to;
}

static int fuzz_file_open(void *ctx, const char *relpath, int netascii, const tftp_blob **blob,
                          pxb_error *message)
{
    fuzz_world *w = ctx;
    (void)netascii, (void)message;
    if (strcmp(relpath, "small") == 0)
        *blob = &small_blob;
    else if (strcmp(relpath, "big") == 0)
        *blob = &big_blob;
    else if (strcmp(relpath, "empty") == 0)
        *blob = &empty_blob;
    else
        return TFTP_OPEN_NOT_FOUND;
    w->blobs_held++;
    return TFTP_OPEN_OK;
}

static void fuzz_file_release(void *ctx, const tftp_blob *blob)
{
    fuzz_world *w = ctx;
    (void)blob;
    if (w->blobs_held == 0)
        abort(); /* released more than opened */
    w->blobs_held--;
}

static void fuzz_ignore_event(void *ctx, const tftp_event *event)
{
    (void)ctx, (void)event;
}

static void fuzz_addr(pxb_addr *a, uint8_t last_octet, uint16_t port)
{
    memset(a, 0, sizeof *a);
    a->family = PXB_AF_INET4;
    a->ip[0] = 127;
    a->ip[3] = last_octet;
    a->port = port;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_world w;
    memset(&w, 0, sizeof w);
    w.newest = -1;
    tftp_io io = {&w, fuzz_open_socket, fuzz_close_socket, fuzz_send};
    tftp_files files = {&w, fuzz_file_open, fuzz_file_release};
    tftp_limits limits;
    tftp_limits_default(&limits);
    limits.max_transfers = 16;
    limits.max_per_client = 4;
    tftp_server *srv = tftp_server_create(&limits, &io, &files, fuzz_ignore_event, NULL);
    if (!srv)
        abort();

    pxb_addr local, client, stranger;
    fuzz_addr(&local, 1, 69);
    fuzz_addr(&client, 2, 2000);
    fuzz_addr(&stranger, 3, 3000);
    uint64_t now = 1000;

    /* Each event: 1 byte kind, 2 bytes length, then the datagram. */
    while (size >= 3) {
        uint8_t kind = data[0];
        size_t len = (size_t)data[1] << 8 | data[2];
        data += 3, size -= 3;
        if (len > size)
            len = size;
        switch (kind & 3) {
        case 0:
            client.port = (uint16_t)(2000 + (kind >> 2));
            tftp_server_on_request(srv, 0, &local, &client, data, len, now);
            break;
        case 1:
        case 2:
            if (w.newest >= 0 && w.open[w.newest])
                tftp_server_on_transfer_datagram(srv, w.newest + 1,
                                                 (kind & 3) == 1 ? &client : &stranger, data,
                                                 len, now);
            break;
        case 3:
            now += (uint64_t)(kind >> 2) * 250;
            if (now >= tftp_server_next_deadline(srv))
                tftp_server_on_timer(srv, now);
            break;
        }
        data += len, size -= len;
    }
    tftp_server_destroy(srv);
    for (int i = 0; i < FUZZ_MAX_SOCKETS; i++)
        if (w.open[i])
            abort(); /* destroy must close every transfer socket */
    if (w.blobs_held)
        abort(); /* and release every file */
    return 0;
}
