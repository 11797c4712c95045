/* http_date.c: formats and parses HTTP dates. Days are turned into civil dates and back
 * with the proleptic Gregorian calendar's era arithmetic (400-year cycles of 146097 days),
 * exact for every date HTTP can carry. */
#include "http_date.h"

#include <stdio.h>
#include <string.h>

#include "ascii_case.h"

static const char *const day_names[7] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
static const char *const month_names[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
#define SECONDS_PER_DAY 86400
#define MAX_UNIX_S 253402300799LL /* 9999-12-31 23:59:59 */

/* Days since 1970-01-01 of a civil date (month 1..12). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* The civil date of a day count since 1970-01-01 (z >= 0). */
static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    int64_t era = z / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

void http_date_format(int64_t unix_s, char out[HTTP_DATE_MAX])
{
    if (unix_s < 0)
        unix_s = 0;
    if (unix_s > MAX_UNIX_S)
        unix_s = MAX_UNIX_S;
    int64_t days = unix_s / SECONDS_PER_DAY, secs = unix_s % SECONDS_PER_DAY;
    int64_t y;
    int m, d;
    civil_from_days(days, &y, &m, &d);
    snprintf(out, HTTP_DATE_MAX, "%s, %02d %s %04d %02d:%02d:%02d GMT", day_names[days % 7], d,
             month_names[m - 1], (int)y, (int)(secs / 3600), (int)(secs / 60 % 60),
             (int)(secs % 60));
}

/* The month (1..12) of a three-letter name, 0 if none. */
static int month_of(const char *name)
{
    for (int i = 0; i < 12; i++) {
        if (pxb_ascii_same(name, month_names[i]))
            return i + 1;
    }
    return 0;
}

/* Checks the fields and computes the time; -1 when out of range. */
static int combine(int64_t y, const char *month, int d, int hh, int mm, int ss, int64_t *out)
{
    int m = month_of(month);
    if (m == 0 || d < 1 || d > 31 || hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 60 ||
        y < 1970 || y > 9999)
        return -1;
    *out = days_from_civil(y, m, d) * SECONDS_PER_DAY + hh * 3600 + mm * 60 + ss;
    return 0;
}

int http_date_parse(const char *text, int64_t *unix_s)
{
    char wday[16], month[4], zone[4];
    int d, y, hh, mm, ss, used = 0;
    if (sscanf(text, "%3s, %2d %3s %4d %2d:%2d:%2d %3s%n", wday, &d, month, &y, &hh, &mm, &ss,
               zone, &used) == 8 && strlen(wday) == 3 && strcmp(zone, "GMT") == 0)
        return text[used] == '\0' ? combine(y, month, d, hh, mm, ss, unix_s) : -1;
    if (sscanf(text, "%15[A-Za-z], %2d-%3s-%2d %2d:%2d:%2d %3s%n", wday, &d, month, &y, &hh,
               &mm, &ss, zone, &used) == 8 && strcmp(zone, "GMT") == 0 && text[used] == '\0')
        return combine(y < 70 ? 2000 + y : 1900 + y, month, d, hh, mm, ss, unix_s);
    if (sscanf(text, "%3s %3s %2d %2d:%2d:%2d %4d%n", wday, month, &d, &hh, &mm, &ss, &y,
               &used) == 7 && text[used] == '\0')
        return combine(y, month, d, hh, mm, ss, unix_s);
    return -1;
}
