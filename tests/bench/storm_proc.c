/* storm_proc.c: the server's CPU time and peak memory from /proc (see storm_proc.h). */
#include "storm_proc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Reads /proc/PID/NAME into buf; returns 0 or -1. */
static int read_proc(int pid, const char *name, char *buf, size_t len)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/%s", pid, name);
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return -1;
    size_t n = fread(buf, 1, len - 1, f);
    fclose(f);
    buf[n] = '\0';
    return n ? 0 : -1;
}

double storm_proc_parse_cpu(const char *stat_text, long ticks_per_second)
{
    /* The command name (field 2) may hold spaces and parentheses: fields count from the
     * last ')'. utime and stime are fields 14 and 15, the 12th and 13th after it; cutime
     * and cstime (16, 17) add the children reaped, for servers that fork a process per
     * transfer (tftpd-hpa). */
    const char *p = strrchr(stat_text, ')');
    if (p == NULL || ticks_per_second <= 0)
        return -1;
    p++;
    unsigned long long utime = 0, stime = 0, cutime = 0, cstime = 0;
    if (sscanf(p, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu %llu %llu", &utime,
               &stime, &cutime, &cstime) != 4)
        return -1;
    return (double)(utime + stime + cutime + cstime) / (double)ticks_per_second;
}

double storm_proc_cpu_seconds(int pid)
{
    char buf[4096];
    if (read_proc(pid, "stat", buf, sizeof buf) != 0)
        return -1;
    return storm_proc_parse_cpu(buf, sysconf(_SC_CLK_TCK));
}

long storm_proc_peak_rss_kib(int pid)
{
    char buf[8192];
    if (read_proc(pid, "status", buf, sizeof buf) != 0)
        return -1;
    const char *p = strstr(buf, "VmHWM:");
    return p ? strtol(p + 6, NULL, 10) : -1;
}

int storm_proc_reset_peak(int pid)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/clear_refs", pid);
    FILE *f = fopen(path, "w");
    if (f == NULL)
        return -1;
    int rc = fputs("5\n", f) < 0 ? -1 : 0;
    return fclose(f) != 0 ? -1 : rc;
}
