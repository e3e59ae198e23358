#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#define IP "127.0.0.1"
#define PORT 8080

int main() {
    int sockfd;
    struct sockaddr_in dest_addr;

    sockfd = socket(AF_INET, SOCK_STREAM, 0);
    if (sockfd < 0) {
        perror("socket");
        exit(1);
    }

    // set the server address
    memset(&serv_addr, 0, sizeof(serv_addr));
    dest_addr.sin_family = AF_INET;  // IPv4 protocol
    dest_addr.sin_addr.s_addr = inet_addr(IP);
    dest_addr.sin_port = htons(PORT); // port
    
    
    // connect to the server
    if (connect(sockfd, (struct sockaddr *)&dest_addr, sizeof(dest_addr)) < 0) {
        perror("Connection Failed");
        exit(1);
    }

    printf("Successfully connected to the server.\n");

    // send data to the server
    char *message = "Hello, Server!";
    if (send(sockfd, message, strlen(message), 0) < 0) {
        perror("Send failed");
        exit(1);
    }

    printf("Hello message sent\n");

    // close the socket
    close(sockfd);
    return 0;
}
