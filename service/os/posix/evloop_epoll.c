/* evloop_epoll.c: the event loop backend for Linux: epoll for readable sockets and an
 * eventfd for wake-ups from other threads or signal handlers. Each registration carries a
 * generation number, so an event already fetched for a socket that an earlier callback
 * removed (and whose descriptor may have been reused since) is skipped. */
#include "evloop.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#define EVLOOP_BATCH 256

/* level-triggered: a socket with datagrams left is reported again */
const int pxb_evloop_transfer_reads = 1;
#define WAKE_KEY UINT64_MAX

typedef struct registration {
    void *tag;
    uint32_t generation;
    int active;
} registration;

struct pxb_evloop {
    int epfd;
    int wakefd;
    registration *regs; /* indexed by descriptor */
    size_t reg_count;
};

pxb_evloop *pxb_evloop_create(void)
{
    pxb_evloop *loop = calloc(1, sizeof *loop);
    if (loop == NULL)
        return NULL;
    loop->epfd = epoll_create1(EPOLL_CLOEXEC);
    loop->wakefd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    struct epoll_event ev = {.events = EPOLLIN, .data.u64 = WAKE_KEY};
    if (loop->epfd < 0 || loop->wakefd < 0 ||
        epoll_ctl(loop->epfd, EPOLL_CTL_ADD, loop->wakefd, &ev) != 0) {
        pxb_evloop_destroy(loop);
        return NULL;
    }
    return loop;
}

void pxb_evloop_destroy(pxb_evloop *loop)
{
    if (loop == NULL)
        return;
    if (loop->epfd >= 0)
        close(loop->epfd);
    if (loop->wakefd >= 0)
        close(loop->wakefd);
    free(loop->regs);
    free(loop);
}

/* Makes room for descriptor fd in the registration table. */
static int reserve(pxb_evloop *loop, size_t fd)
{
    if (fd < loop->reg_count)
        return 0;
    size_t count = loop->reg_count ? loop->reg_count : 64;
    while (count <= fd)
        count *= 2;
    registration *regs = realloc(loop->regs, count * sizeof *regs);
    if (regs == NULL)
        return -1;
    memset(regs + loop->reg_count, 0, (count - loop->reg_count) * sizeof *regs);
    loop->regs = regs;
    loop->reg_count = count;
    return 0;
}

int pxb_evloop_add(pxb_evloop *loop, pxb_udp *sock, void *tag)
{
    int fd = (int)pxb_udp_handle(sock);
    if (fd < 0 || reserve(loop, (size_t)fd) != 0)
        return -1;
    registration *reg = &loop->regs[fd];
    reg->generation++;
    struct epoll_event ev = {.events = EPOLLIN,
                             .data.u64 = ((uint64_t)reg->generation << 32) | (uint32_t)fd};
    if (epoll_ctl(loop->epfd, EPOLL_CTL_ADD, fd, &ev) != 0)
        return -1;
    reg->tag = tag;
    reg->active = 1;
    return 0;
}

void pxb_evloop_remove(pxb_evloop *loop, pxb_udp *sock)
{
    int fd = (int)pxb_udp_handle(sock);
    if (fd < 0 || (size_t)fd >= loop->reg_count || !loop->regs[fd].active)
        return;
    /* Failure is impossible for a registered descriptor; the generation bump below is
     * what keeps stale events from being reported either way. */
    epoll_ctl(loop->epfd, EPOLL_CTL_DEL, fd, NULL);
    loop->regs[fd].active = 0;
    loop->regs[fd].generation++;
}

static void drain_wake(pxb_evloop *loop)
{
    uint64_t count;
    while (read(loop->wakefd, &count, sizeof count) == (ssize_t)sizeof count) {
        /* Several wake-ups since the last wait collapse into one. */
    }
}

int pxb_evloop_wait(pxb_evloop *loop, int timeout_ms, void (*on_readable)(void *ctx, void *tag),
                    void *ctx)
{
    struct epoll_event events[EVLOOP_BATCH];
    int n = epoll_wait(loop->epfd, events, EVLOOP_BATCH, timeout_ms);
    if (n < 0)
        return errno == EINTR ? 0 : -1;
    int calls = 0;
    for (int i = 0; i < n; i++) {
        uint64_t key = events[i].data.u64;
        if (key == WAKE_KEY) {
            drain_wake(loop);
            continue;
        }
        size_t fd = (size_t)(uint32_t)key;
        const registration *reg = &loop->regs[fd];
        if (!reg->active || reg->generation != (uint32_t)(key >> 32))
            continue;
        on_readable(ctx, reg->tag);
        calls++;
    }
    return calls;
}

void pxb_evloop_wake(pxb_evloop *loop)
{
    uint64_t one = 1;
    /* EAGAIN means the counter is saturated: a wake-up is pending already. */
    while (write(loop->wakefd, &one, sizeof one) < 0 && errno == EINTR) {
    }
}
