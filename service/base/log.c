/* log.c: the logging front end. Formats a message once, makes it a single safe line (control
 * characters from client-supplied names can't forge log lines) and hands it to every
 * registered sink. A spin lock (C11 atomic_flag) keeps sinks from running on two threads at
 * once, so sinks need no locking of their own. */
#include "log.h"

#include "ascii_case.h"

#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#define LOG_MAX_SINKS 4
#define LOG_LINE_MAX 1024

typedef struct log_sink {
    pxb_log_sink_fn fn;
    void *ctx;
} log_sink;

static log_sink sinks[LOG_MAX_SINKS];
static size_t sink_count;
static atomic_flag sink_lock = ATOMIC_FLAG_INIT;
static atomic_int current_level = PXB_LOG_INFO;

static const char *const level_names[] = {"error", "warn", "info", "debug"};

static void lock_sinks(void)
{
    while (atomic_flag_test_and_set_explicit(&sink_lock, memory_order_acquire)) {
        /* Another thread is writing one line; it finishes quickly. */
    }
}

static void unlock_sinks(void)
{
    atomic_flag_clear_explicit(&sink_lock, memory_order_release);
}

int pxb_log_add_sink(pxb_log_sink_fn fn, void *ctx)
{
    int rc = -1;
    lock_sinks();
    if (sink_count < LOG_MAX_SINKS) {
        sinks[sink_count].fn = fn;
        sinks[sink_count].ctx = ctx;
        sink_count++;
        rc = 0;
    }
    unlock_sinks();
    return rc;
}

void pxb_log_clear_sinks(void)
{
    lock_sinks();
    sink_count = 0;
    unlock_sinks();
}

void pxb_log_set_level(int level)
{
    if (level < PXB_LOG_ERROR)
        level = PXB_LOG_ERROR;
    if (level > PXB_LOG_DEBUG)
        level = PXB_LOG_DEBUG;
    atomic_store(&current_level, level);
}

int pxb_log_get_level(void)
{
    return atomic_load(&current_level);
}

int pxb_log_level_parse(const char *text)
{
    if (text[0] >= '0' && text[0] <= '3' && text[1] == '\0')
        return text[0] - '0';
    for (int i = PXB_LOG_ERROR; i <= PXB_LOG_DEBUG; i++) {
        if (pxb_ascii_same(text, level_names[i]))
            return i;
    }
    return -1;
}

const char *pxb_log_level_name(int level)
{
    if (level < PXB_LOG_ERROR || level > PXB_LOG_DEBUG)
        return "?";
    return level_names[level];
}

/* Replaces control characters (newlines, escapes) with '?' so one event stays one line. */
static void make_single_line(char *text)
{
    for (unsigned char *p = (unsigned char *)text; *p; p++) {
        if (*p < 0x20 || *p == 0x7f)
            *p = '?';
    }
}

void pxb_logv(int level, int event_id, const char *fmt, va_list ap)
{
    char line[LOG_LINE_MAX];
    if (level > pxb_log_get_level())
        return;
    if (vsnprintf(line, sizeof line, fmt, ap) < 0)
        return;
    make_single_line(line);
    lock_sinks();
    for (size_t i = 0; i < sink_count; i++)
        sinks[i].fn(sinks[i].ctx, level, event_id, line);
    unlock_sinks();
}

void pxb_log(int level, int event_id, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pxb_logv(level, event_id, fmt, ap);
    va_end(ap);
}
