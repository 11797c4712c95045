/* logfile.c: the rotating log file sink. Appends "time level [event] message" lines to
 * <dir>/pxebridge.log; when the next line would take it past the size limit, it shifts
 * pxebridge.log -> pxebridge.1.log -> pxebridge.2.log ... dropping the oldest beyond the
 * number kept, and starts a new file. Called only through log.c, which serialises sinks. */
#include "logfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "osfile.h"

#define LOGFILE_DIR_MAX 1024
#define LOGFILE_PATH_MAX (LOGFILE_DIR_MAX + 32) /* + separator + "pxebridge.NNN.log" */
#define LOGFILE_BASE "pxebridge"

#ifdef _WIN32
#define DIR_SEPARATOR "\\"
#else
#define DIR_SEPARATOR "/"
#endif

struct pxb_logfile {
    FILE *file;                    /* NULL after a failed reopen; retried on the next line */
    char dir[LOGFILE_DIR_MAX];
    char path[LOGFILE_PATH_MAX];   /* <dir>/pxebridge.log */
    uint64_t size;
    uint32_t max_bytes;
    uint32_t files_kept;
};

/* Writes the name of rotated file number index (0: the live file) to out. */
static void name_file(const pxb_logfile *lf, uint32_t index, char *out, size_t out_len)
{
    const char *dir = lf->dir;
    size_t len = strlen(dir);
    int has_separator = len > 0 && (dir[len - 1] == '/' || dir[len - 1] == '\\');
    const char *sep = has_separator ? "" : DIR_SEPARATOR;
    if (index == 0)
        snprintf(out, out_len, "%s%s" LOGFILE_BASE ".log", dir, sep);
    else
        snprintf(out, out_len, "%s%s" LOGFILE_BASE ".%u.log", dir, sep, (unsigned)index);
}

static int open_live(pxb_logfile *lf)
{
    lf->file = pxb_osfile_open(lf->path, "ab");
    if (lf->file == NULL)
        return -1;
    long end = (fseek(lf->file, 0, SEEK_END) == 0) ? ftell(lf->file) : -1;
    lf->size = end > 0 ? (uint64_t)end : 0;
    return 0;
}

pxb_logfile *pxb_logfile_open(const char *dir, uint32_t max_bytes, uint32_t files_kept,
                              pxb_error *err)
{
    if (strlen(dir) >= LOGFILE_DIR_MAX) {
        pxb_error_set(err, "log directory '%s' is too long", dir);
        return NULL;
    }
    if (pxb_osfile_make_dirs(dir, err) != 0)
        return NULL;
    pxb_logfile *lf = calloc(1, sizeof *lf);
    if (lf == NULL) {
        pxb_error_set(err, "out of memory");
        return NULL;
    }
    snprintf(lf->dir, sizeof lf->dir, "%s", dir);
    name_file(lf, 0, lf->path, sizeof lf->path);
    lf->max_bytes = max_bytes;
    lf->files_kept = files_kept;
    if (open_live(lf) != 0) {
        pxb_error_set(err, "cannot open log file '%s' for writing", lf->path);
        free(lf);
        return NULL;
    }
    return lf;
}

void pxb_logfile_close(pxb_logfile *lf)
{
    if (lf == NULL)
        return;
    if (lf->file != NULL)
        fclose(lf->file);
    free(lf);
}

/* Shifts the rotated files up by one, dropping the oldest, and starts a new live file. */
static void rotate(pxb_logfile *lf)
{
    char from[LOGFILE_PATH_MAX];
    char to[LOGFILE_PATH_MAX];
    fclose(lf->file);
    lf->file = NULL;
    if (lf->files_kept == 0) {
        pxb_osfile_remove(lf->path);
    } else {
        for (uint32_t i = lf->files_kept; i > 0; i--) {
            /* Replacing drops the oldest; a missing file is normal (fewer rotations so far). */
            name_file(lf, i - 1, from, sizeof from);
            name_file(lf, i, to, sizeof to);
            pxb_osfile_replace(from, to);
        }
    }
    open_live(lf);
}

static void format_time(char *out, size_t out_len)
{
    time_t now = time(NULL);
    const struct tm *tm = localtime(&now);
    if (tm == NULL || strftime(out, out_len, "%Y-%m-%d %H:%M:%S", tm) == 0)
        snprintf(out, out_len, "-");
}

void pxb_logfile_sink(void *ctx, int level, int event_id, const char *message)
{
    pxb_logfile *lf = ctx;
    char stamp[32];
    char line[1200];
    format_time(stamp, sizeof stamp);
    int n = snprintf(line, sizeof line, "%s %-5s [%d] %s\n", stamp, pxb_log_level_name(level),
                     event_id, message);
    if (n < 0)
        return;
    size_t len = (size_t)n;
    if (len >= sizeof line) {
        len = sizeof line - 1;
        line[len - 1] = '\n';
    }
    if (lf->file != NULL && lf->size > 0 && lf->size + len > lf->max_bytes)
        rotate(lf);
    if (lf->file == NULL && open_live(lf) != 0)
        return; /* the disk is full or the folder went away: drop the line, retry next time */
    if (fwrite(line, 1, len, lf->file) == len)
        lf->size += len;
    fflush(lf->file);
}
