/* storm_proc.h: what the load generator reads of the server under test from /proc: CPU time
 * (utime + stime of /proc/PID/stat, with its reaped children's) and peak resident memory (VmHWM of /proc/PID/status),
 * with the peak reset at the start of a run (writing 5 to /proc/PID/clear_refs). */
#ifndef PXB_STORM_PROC_H
#define PXB_STORM_PROC_H

/* CPU seconds the process has used, or -1 when it cannot be read. */
double storm_proc_cpu_seconds(int pid);
/* Peak resident set in KiB since start or the last reset, or -1. */
long storm_proc_peak_rss_kib(int pid);
/* Starts a new peak; 0, or -1 (the peak then covers the whole life of the process). */
int storm_proc_reset_peak(int pid);
/* Parses the text of /proc/PID/stat; exposed for the unit test. -1 when malformed. */
double storm_proc_parse_cpu(const char *stat_text, long ticks_per_second);

#endif
