/* test_config.c: unit tests for the configuration model: the defaults match the settings
 * table, every setting round-trips through set and get, bad values are refused with a
 * message naming the setting, the value and what is allowed, and leave the configuration
 * untouched; names match case-insensitively; validation catches a missing root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "config.h"
#include "log.h"

#define TEXT_MAX 1024

static void assert_setting(const pxb_config *cfg, const char *name, const char *want)
{
    char out[TEXT_MAX];
    assert_int_equal(pxb_config_get(cfg, name, out, sizeof out), 0);
    assert_string_equal(out, want);
}

/* Sets name=value, expecting success, and checks the text it reads back as. */
static void assert_accepted(const char *name, const char *value, const char *canonical)
{
    pxb_config cfg;
    pxb_error err;
    pxb_config_defaults(&cfg);
    assert_int_equal(pxb_config_set(&cfg, name, value, &err), 0);
    assert_setting(&cfg, name, canonical);
}

/* Sets name=value, expecting refusal with exactly want_err and no change to the config. */
static void assert_refused(const char *name, const char *value, const char *want_err)
{
    pxb_config cfg, before;
    pxb_error err;
    pxb_config_defaults(&cfg);
    before = cfg;
    assert_int_equal(pxb_config_set(&cfg, name, value, &err), -1);
    assert_string_equal(err.text, want_err);
    assert_memory_equal(&cfg, &before, sizeof cfg);
}

static void test_defaults_match_table(void **state)
{
    pxb_config cfg;
    (void)state;
    pxb_config_defaults(&cfg);
    const pxb_setting *table = pxb_config_table()->settings;
    size_t count = pxb_config_table()->count;
    assert_int_equal(count, 24);
    for (size_t i = 0; i < count; i++) {
        assert_string_not_equal(pxb_setting_kind_name(table[i].kind), "?");
        assert_true(strlen(table[i].help) > 10);
        assert_setting(&cfg, table[i].name, table[i].default_text);
    }
}

static void test_defaults_fill_fields(void **state)
{
    pxb_config cfg;
    tftp_limits limits;
    (void)state;
    pxb_config_defaults(&cfg);
    tftp_limits_default(&limits);
    assert_string_equal(cfg.tftp_root, "");
    assert_string_equal(cfg.log_dir, "");
    assert_int_equal(cfg.listen_count, 2);
    assert_int_equal(cfg.listen[0].family, PXB_AF_INET4);
    assert_int_equal(cfg.listen[1].family, PXB_AF_INET6);
    assert_int_equal(cfg.port, 69);
    assert_int_equal(cfg.port_min, 0);
    assert_int_equal(cfg.port_max, 0);
    assert_int_equal(cfg.limits.max_blksize, 65464);
    assert_int_equal(cfg.limits.max_windowsize, 64);
    assert_int_equal(cfg.limits.timeout_ms, 1000);
    assert_int_equal(cfg.limits.max_timeout_s, limits.max_timeout_s);
    assert_int_equal(cfg.limits.retries, 5);
    assert_int_equal(cfg.limits.max_transfers, 4096);
    assert_int_equal(cfg.limits.max_per_client, 64);
    assert_int_equal(cfg.log_level, PXB_LOG_INFO);
    assert_int_equal(cfg.log_max_bytes, 10485760);
    assert_int_equal(cfg.log_files_kept, 5);
    assert_int_equal(cfg.loop_threshold, 3);
    assert_int_equal(cfg.loop_window_s, 300);
    assert_int_equal(cfg.dhcp_server_count, 0);
    assert_int_equal(cfg.dhcp_check_s, 900);
    assert_int_equal(cfg.dhcp_reconcile, 0);
    assert_int_equal(cfg.dhcp_failover, 1);
    assert_int_equal(cfg.http_port, 0);
    assert_string_equal(cfg.http_prefix, "/pxb/");
    assert_int_equal(cfg.http_tls, 0);
    assert_int_equal(cfg.http_max_connections, 256);
}

static void test_http_settings(void **state)
{
    (void)state;
    assert_accepted("HttpPort", "0", "0");
    assert_accepted("httpport", "8080", "8080");
    assert_refused("HttpPort", "65536", "HttpPort: '65536' is not 0 or a number from 1 to 65535");
    assert_accepted("HttpUrlPrefix", "/", "/");
    assert_accepted("HttpUrlPrefix", "/Boot/x-64_~v1.2/", "/Boot/x-64_~v1.2/");
    const char *bad[] = {"", "pxb/", "/pxb", "//", "/a//b/", "/a/../", "/./", "/a b/",
                         "/%41/", "/a?b/", "/\\x/"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        pxb_config cfg;
        pxb_error err;
        pxb_config_defaults(&cfg);
        assert_int_equal(pxb_config_set(&cfg, "HttpUrlPrefix", bad[i], &err), -1);
        assert_non_null(strstr(err.text, "HttpUrlPrefix: '"));
        assert_string_equal(cfg.http_prefix, "/pxb/");
    }
    assert_accepted("HttpTls", "1", "1");
    assert_refused("HttpTls", "2", "HttpTls: '2' is not a number from 0 to 1");
    assert_accepted("HttpMaxConnections", "1", "1");
    assert_refused("HttpMaxConnections", "0",
                   "HttpMaxConnections: '0' is not a number from 1 to 65536");
}

static void test_numbers_accept_their_range(void **state)
{
    (void)state;
    assert_accepted("Port", "1", "1");
    assert_accepted("Port", "65535", "65535");
    assert_accepted("Port", " 6969 ", "6969");
    assert_accepted("MaxBlockSize", "8", "8");
    assert_accepted("MaxBlockSize", "65464", "65464");
    assert_accepted("MaxWindowSize", "65535", "65535");
    assert_accepted("TimeoutMs", "100", "100");
    assert_accepted("TimeoutMs", "255000", "255000");
    assert_accepted("MaxRetries", "0", "0");
    assert_accepted("MaxRetries", "20", "20");
    assert_accepted("MaxTransfers", "65536", "65536");
    assert_accepted("MaxTransfersPerClient", "1", "1");
    assert_accepted("LogMaxBytes", "4096", "4096");
    assert_accepted("LogMaxBytes", "1073741824", "1073741824");
    assert_accepted("LogFilesKept", "100", "100");
    assert_accepted("LoopThreshold", "0", "0");
    assert_accepted("LoopThreshold", "2", "2");
    assert_accepted("LoopThreshold", "16", "16");
    assert_accepted("LoopWindowSeconds", "10", "10");
    assert_accepted("LoopWindowSeconds", "86400", "86400");
    assert_accepted("DhcpCheckSeconds", "0", "0");
    assert_accepted("DhcpCheckSeconds", "10", "10");
    assert_accepted("DhcpCheckSeconds", "604800", "604800");
    assert_accepted("DhcpReconcile", "1", "1");
}

static void test_numbers_land_in_fields(void **state)
{
    pxb_config cfg;
    pxb_error err;
    (void)state;
    pxb_config_defaults(&cfg);
    assert_int_equal(pxb_config_set(&cfg, "MaxWindowSize", "70", &err), 0);
    assert_int_equal(pxb_config_set(&cfg, "MaxBlockSize", "1468", &err), 0);
    assert_int_equal(pxb_config_set(&cfg, "TimeoutMs", "2500", &err), 0);
    assert_int_equal(pxb_config_set(&cfg, "Port", "6969", &err), 0);
    assert_int_equal(cfg.limits.max_windowsize, 70);
    assert_int_equal(cfg.limits.max_blksize, 1468);
    assert_int_equal(cfg.limits.timeout_ms, 2500);
    assert_int_equal(cfg.port, 6969);
}

static void test_numbers_refuse_the_rest(void **state)
{
    (void)state;
    assert_refused("Port", "70000", "Port: '70000' is not a number from 1 to 65535");
    assert_refused("Port", "0", "Port: '0' is not a number from 1 to 65535");
    assert_refused("Port", "", "Port: '' is not a number from 1 to 65535");
    assert_refused("Port", "-1", "Port: '-1' is not a number from 1 to 65535");
    assert_refused("Port", "+69", "Port: '+69' is not a number from 1 to 65535");
    assert_refused("Port", "0x45", "Port: '0x45' is not a number from 1 to 65535");
    assert_refused("Port", "6 9", "Port: '6 9' is not a number from 1 to 65535");
    assert_refused("Port", "99999999999999999999",
                   "Port: '99999999999999999999' is not a number from 1 to 65535");
    assert_refused("MaxBlockSize", "7", "MaxBlockSize: '7' is not a number from 8 to 65464");
    assert_refused("MaxBlockSize", "65465",
                   "MaxBlockSize: '65465' is not a number from 8 to 65464");
    assert_refused("TimeoutMs", "99", "TimeoutMs: '99' is not a number from 100 to 255000");
    assert_refused("MaxRetries", "21", "MaxRetries: '21' is not a number from 0 to 20");
    assert_refused("MaxTransfers", "0", "MaxTransfers: '0' is not a number from 1 to 65536");
    assert_refused("LogMaxBytes", "4095",
                   "LogMaxBytes: '4095' is not a number from 4096 to 1073741824");
    assert_refused("LogFilesKept", "101", "LogFilesKept: '101' is not a number from 0 to 100");
    /* 0 turns these off; the range starts higher. */
    assert_refused("LoopThreshold", "1", "LoopThreshold: '1' is not 0 or a number from 2 to 16");
    assert_refused("LoopThreshold", "17",
                   "LoopThreshold: '17' is not 0 or a number from 2 to 16");
    assert_refused("LoopWindowSeconds", "0",
                   "LoopWindowSeconds: '0' is not a number from 10 to 86400");
    assert_refused("DhcpCheckSeconds", "9",
                   "DhcpCheckSeconds: '9' is not 0 or a number from 10 to 604800");
    assert_refused("DhcpReconcile", "2", "DhcpReconcile: '2' is not a number from 0 to 1");
}

static void test_dhcp_servers(void **state)
{
    pxb_config cfg;
    pxb_error err;
    (void)state;
    assert_accepted("DhcpServers", "", "");
    assert_accepted("DhcpServers", "localhost", "localhost");
    assert_accepted("DhcpServers", " dhcp1.example.com, 10.0.0.2 DHCP_2 ",
                    "dhcp1.example.com,10.0.0.2,DHCP_2");
    pxb_config_defaults(&cfg);
    assert_int_equal(pxb_config_set(&cfg, "DhcpServers", "a,b", &err), 0);
    assert_int_equal(cfg.dhcp_server_count, 2);
    assert_string_equal(cfg.dhcp_servers[1], "b");
    assert_int_equal(pxb_config_set(&cfg, "DhcpServers", "", &err), 0);
    assert_int_equal(cfg.dhcp_server_count, 0);
    assert_refused("DhcpServers", "dhcp1,bad/name",
                   "DhcpServers: 'bad/name' is not a host name or IPv4 address; give names "
                   "separated by commas, e.g. dhcp1.example.com,10.0.0.2");
    assert_refused("DhcpServers", "dhcp1,DHCP1",
                   "DhcpServers: 'DHCP1' is listed twice; list it once");
    assert_refused("DhcpServers", "a,b,c,d,e,f,g,h,i",
                   "DhcpServers: more than 8 servers are listed; list at most 8");
}

static void test_listen_addresses(void **state)
{
    pxb_config cfg;
    pxb_error err;
    (void)state;
    assert_accepted("ListenAddresses", "192.0.2.1", "192.0.2.1");
    assert_accepted("ListenAddresses", " 192.0.2.1, 2001:db8::1  ::1 ",
                    "192.0.2.1,2001:db8::1,::1");
    assert_accepted("ListenAddresses", "1.1.1.1,2.2.2.2,3.3.3.3,4.4.4.4,5.5.5.5,6.6.6.6,"
                                       "7.7.7.7,8.8.8.8",
                    "1.1.1.1,2.2.2.2,3.3.3.3,4.4.4.4,5.5.5.5,6.6.6.6,7.7.7.7,8.8.8.8");
    pxb_config_defaults(&cfg);
    assert_int_equal(pxb_config_set(&cfg, "ListenAddresses", "127.0.0.1 ::1", &err),
                     0);
    assert_int_equal(cfg.listen_count, 2);
    assert_int_equal(cfg.listen[1].family, PXB_AF_INET6);
    assert_int_equal(cfg.listen[1].port, 0);
}

static void test_listen_addresses_refused(void **state)
{
    (void)state;
    assert_refused("ListenAddresses", "0.0.0.0,example.com",
                   "ListenAddresses: 'example.com' is not an IPv4 or IPv6 address; give "
                   "literal addresses separated by commas, e.g. 0.0.0.0,::");
    assert_refused("ListenAddresses", "",
                   "ListenAddresses: '' lists no addresses; give at least one, e.g. 0.0.0.0,::");
    assert_refused("ListenAddresses", " , ",
                   "ListenAddresses: ' , ' lists no addresses; give at least one, e.g. "
                   "0.0.0.0,::");
    assert_refused("ListenAddresses", "::1,::1",
                   "ListenAddresses: '::1' is listed twice; list it once");
    assert_refused("ListenAddresses", "1.1.1.1,2.2.2.2,3.3.3.3,4.4.4.4,5.5.5.5,6.6.6.6,7.7.7.7,"
                                      "8.8.8.8,9.9.9.9",
                   "ListenAddresses: more than 8 addresses are listed; list at most 8");
}

static void test_port_range(void **state)
{
    (void)state;
    assert_accepted("PortRange", "0", "0");
    assert_accepted("PortRange", "", "0");
    assert_accepted("PortRange", "1024-65535", "1024-65535");
    assert_accepted("PortRange", "50000-50000", "50000-50000");
    assert_accepted("PortRange", " 50000 - 50999 ", "50000-50999");
    const char *bad[] = {"1023-2000", "3000-2000", "2000", "2000-", "-2000", "a-b",
                         "2000-70000", "1-2-3"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char want[TEXT_MAX];
        snprintf(want, sizeof want,
                 "PortRange: '%s' is not a port range min-max with 1024 <= min <= max <= 65535 "
                 "(e.g. 50000-50999), or 0 for any port",
                 bad[i]);
        assert_refused("PortRange", bad[i], want);
    }
}

static void test_log_level(void **state)
{
    (void)state;
    assert_accepted("LogLevel", "debug", "debug");
    assert_accepted("LogLevel", "WARN", "warn");
    assert_accepted("LogLevel", "0", "error");
    assert_refused("LogLevel", "loud", "LogLevel: 'loud' is not one of error, warn, info, debug");
    assert_refused("LogLevel", "4", "LogLevel: '4' is not one of error, warn, info, debug");
}

static void test_strings(void **state)
{
    char long_path[PXB_CONFIG_PATH_MAX + 1];
    (void)state;
    assert_accepted("TftpRoot", "C:\\ProgramData\\pxebridge\\tftp",
                    "C:\\ProgramData\\pxebridge\\tftp");
    assert_accepted("LogDirectory", "", "");
    memset(long_path, 'a', PXB_CONFIG_PATH_MAX);
    long_path[PXB_CONFIG_PATH_MAX] = '\0';
    assert_refused("TftpRoot", long_path,
                   "TftpRoot: the path is 1024 bytes long; at most 1023 are allowed");
    long_path[PXB_CONFIG_PATH_MAX - 1] = '\0';
    assert_accepted("LogDirectory", long_path, long_path);
}

static void test_names(void **state)
{
    pxb_config cfg;
    char out[TEXT_MAX];
    pxb_error err;
    (void)state;
    assert_accepted("port", "70", "70");
    assert_accepted("TFTPROOT", "/srv/tftp", "/srv/tftp");
    const pxb_setting *found = pxb_setting_find(pxb_config_table(), "maxwindowsize");
    assert_non_null(found);
    assert_string_equal(found->name, "MaxWindowSize");
    assert_null(pxb_setting_find(pxb_config_table(), "Colour"));
    pxb_config_defaults(&cfg);
    assert_int_equal(pxb_config_get(&cfg, "Colour", out, sizeof out), -1);
    assert_int_equal(pxb_config_set(&cfg, "Colour", "red", &err), -1);
    assert_non_null(strstr(err.text, "unknown setting 'Colour'; the service's settings are "
                                     "TftpRoot, "));
    assert_non_null(strstr(err.text, ", LogFilesKept"));
    assert_int_equal(pxb_config_set(&cfg, "Prot", "69", &err), -1);
    assert_non_null(strstr(err.text, "unknown setting 'Prot' (did you mean 'Port'?); the "
                                     "service's settings are TftpRoot, "));
}

static void test_validate(void **state)
{
    pxb_config cfg;
    pxb_error err = {0};
    (void)state;
    pxb_config_defaults(&cfg);
    assert_int_equal(pxb_config_validate(&cfg, &err), -1);
    assert_string_equal(err.text, "TftpRoot is not set; give the folder to serve files from");
    assert_int_equal(pxb_config_set(&cfg, "TftpRoot", "/srv/tftp", NULL), 0);
    assert_int_equal(pxb_config_validate(&cfg, &err), 0);
    cfg.listen_count = 0;
    assert_int_equal(pxb_config_validate(&cfg, &err), -1);
    assert_string_equal(err.text, "ListenAddresses is empty; give at least one address, e.g. "
                                  "0.0.0.0,::");
    assert_int_equal(pxb_config_validate(&cfg, NULL), -1);
    pxb_config_defaults(&cfg);
    assert_int_equal(pxb_config_validate(&cfg, NULL), -1);
}

static void test_short_output_buffers(void **state)
{
    pxb_config cfg;
    char out[8];
    char name[PXB_ERROR_TEXT_MAX + 8];
    pxb_error err;
    (void)state;
    pxb_config_defaults(&cfg);
    /* A value that does not fit is cut, and says so. */
    assert_int_equal(pxb_config_get(&cfg, "ListenAddresses", out, sizeof out), -1);
    assert_string_equal(out, "0.0.0.0");
    /* A message about a very long name fits the error, its echo of the name cut. */
    memset(name, 'x', sizeof name - 1);
    name[sizeof name - 1] = '\0';
    assert_int_equal(pxb_config_set(&cfg, name, "red", &err), -1);
    assert_true(strlen(err.text) < PXB_ERROR_TEXT_MAX);
    assert_non_null(strstr(err.text, "unknown setting 'xxxxxxxx"));
    assert_null(strstr(err.text, "xxx' ("));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults_match_table),
        cmocka_unit_test(test_defaults_fill_fields),
        cmocka_unit_test(test_numbers_accept_their_range),
        cmocka_unit_test(test_numbers_land_in_fields),
        cmocka_unit_test(test_numbers_refuse_the_rest),
        cmocka_unit_test(test_dhcp_servers),
        cmocka_unit_test(test_listen_addresses),
        cmocka_unit_test(test_listen_addresses_refused),
        cmocka_unit_test(test_port_range),
        cmocka_unit_test(test_log_level),
        cmocka_unit_test(test_strings),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_validate),
        cmocka_unit_test(test_http_settings),
        cmocka_unit_test(test_short_output_buffers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
