/* loop_detect.h: notices PXE clients stuck in a chainload loop. A client whose DHCP server
 * hands it the first-stage image (undionly.kpxe, snponly.efi ...) again after iPXE starts
 * downloads that image over and over. Fed the TFTP engine's events, this counts, per client
 * host (the address without its port), its complete downloads of one first-stage image;
 * LoopThreshold downloads within LoopWindowSeconds start a loop episode, reported once. The
 * episode ends when the client downloads no first-stage image for a whole window, or
 * downloads another one (which starts a new count).
 *
 * Completed downloads are counted, not started ones: UEFI firmware asks for the size first
 * and aborts that transfer with error 8, and a transfer that fails half-way is a network
 * problem, not a loop. Memory is bounded: a fixed table of clients with the least recently
 * seen evicted when it is full; each event costs O(1) on average. Portable, no clock of its
 * own: callers pass the time (pxb_clock milliseconds). One thread. */
#ifndef PXB_LOOP_DETECT_H
#define PXB_LOOP_DETECT_H

#include <stddef.h>
#include <stdint.h>

#include "pxb_addr.h"
#include "tftp_server.h"

/* Clients remembered at once. */
#define LOOP_CLIENTS_DEFAULT 1024
/* Largest LoopThreshold. */
#define LOOP_THRESHOLD_MAX 16
/* First-stage names at most, and the longest one, NUL included. */
#define LOOP_FILES_MAX 16
#define LOOP_FILE_MAX 256

/* A client seen looping. */
typedef struct loop_info {
    pxb_addr client;          /* its address, port 0 */
    char file[LOOP_FILE_MAX]; /* the first-stage image it downloaded last, as requested */
    uint32_t count;           /* first-stage downloads in this episode */
    uint64_t first_ms;        /* the episode's first download (clock milliseconds) */
    uint64_t last_ms;         /* and its latest */
} loop_info;

typedef struct loop_detect loop_detect;

/* A detector remembering up to capacity clients (> 0), with loop detection off until
 * loop_detect_set_limits. NULL when memory runs out. */
loop_detect *loop_detect_create(size_t capacity);
void loop_detect_destroy(loop_detect *ld);

/* threshold: downloads (2 to LOOP_THRESHOLD_MAX) within window_s seconds that make a loop;
 * 0 turns detection off. New limits forget what was counted; the same ones change
 * nothing. */
void loop_detect_set_limits(loop_detect *ld, uint32_t threshold, uint32_t window_s);

/* The first-stage image names; a downloaded path matches one when its last component is
 * the same, ignoring case ("Boot\undionly.kpxe" matches "undionly.kpxe"). Returns 0, or -1
 * (names unchanged) for more than LOOP_FILES_MAX names or one longer than LOOP_FILE_MAX-1. */
int loop_detect_set_files(loop_detect *ld, const char *const *names, size_t count);

/* Counts one engine event at now_ms. Returns 1 when it starts a loop episode, with the
 * client in *out (the caller reports it), else 0. */
int loop_detect_feed(loop_detect *ld, const tftp_event *ev, uint64_t now_ms, loop_info *out);

/* The clients looping at now_ms (in an episode whose last download is less than a window
 * old), most recently seen first: writes up to max into out, returns how many there are. */
size_t loop_detect_list(const loop_detect *ld, uint64_t now_ms, loop_info *out, size_t max);

#endif
