/* wine_sendto.c: wine's own ceiling for make bench, out/win/tests/wine-sendto.exe: a bare
 * loop of non-blocking sendto calls of 1472-byte datagrams (one TFTP DATA block of 1468
 * bytes) from one UDP socket to another on 127.0.0.1 that never reads (the kernel drops
 * what does not fit its buffer). Bounded by its count. Prints
 *   CEILING packets=N us_per_packet=X mb_s=Y
 * where mb_s counts 1468 payload bytes a packet, as the TFTP figures do. Exit 0, or 1 when
 * Winsock fails. */
#include <stdio.h>
#include <stdlib.h>
#include <winsock2.h>
#include <ws2tcpip.h>

#define DATAGRAM 1472
#define PAYLOAD 1468

static SOCKET open_socket(struct sockaddr_in *bound)
{
    SOCKET s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    u_long nonblocking = 1;
    int len = sizeof *bound;
    bound->sin_family = AF_INET;
    bound->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bound->sin_port = 0;
    if (s == INVALID_SOCKET || bind(s, (struct sockaddr *)bound, len) != 0 ||
        ioctlsocket(s, FIONBIO, &nonblocking) != 0 ||
        getsockname(s, (struct sockaddr *)bound, &len) != 0)
        return INVALID_SOCKET;
    return s;
}

int main(int argc, char **argv)
{
    long count = argc > 1 ? atol(argv[1]) : 20000;
    WSADATA wsa;
    struct sockaddr_in sink, source;
    static char datagram[DATAGRAM];
    if (count < 1 || count > 10000000 || WSAStartup(MAKEWORD(2, 2), &wsa) != 0)
        return 1;
    SOCKET rx = open_socket(&sink), tx = open_socket(&source);
    if (rx == INVALID_SOCKET || tx == INVALID_SOCKET)
        return 1;
    LARGE_INTEGER freq, t0, t1;
    QueryPerformanceFrequency(&freq);
    QueryPerformanceCounter(&t0);
    for (long i = 0; i < count; i++)
        sendto(tx, datagram, DATAGRAM, 0, (struct sockaddr *)&sink, sizeof sink);
    QueryPerformanceCounter(&t1);
    double seconds = (double)(t1.QuadPart - t0.QuadPart) / (double)freq.QuadPart;
    printf("CEILING packets=%ld us_per_packet=%.2f mb_s=%.1f\n", count, seconds * 1e6 / count,
           (double)count * PAYLOAD / 1e6 / seconds);
    closesocket(rx);
    closesocket(tx);
    WSACleanup();
    return 0;
}
