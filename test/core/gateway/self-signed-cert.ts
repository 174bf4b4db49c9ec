/**
 * A self-signed certificate for 127.0.0.1 (P-256, valid until 2126), made with
 * `openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 36500
 * -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1`. No CA trusts it, so a client
 * that verifies certificates must refuse the handshake.
 */
export const SELF_SIGNED_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgYg4l5HlrZ3VFL//l
95d/dF8XQJn4UaaIutltVauawz6hRANCAASzNuE2iF7vUTXwu920XrqqZWzr/5Zy
4MidB/qR+OOG9L87j2wW9PfDIdsn9uYeNL9W8yZrV97jWhriDSKmKbLd
-----END PRIVATE KEY-----
`;

export const SELF_SIGNED_CERT = `-----BEGIN CERTIFICATE-----
MIIBjzCCATagAwIBAgIUBJONWlGwcEWPc5KQZUF+i2qPNqwwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTEyNTExMzEwN1oYDzIxMjYxMTAx
MTEzMTA3WjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAASzNuE2iF7vUTXwu920XrqqZWzr/5Zy4MidB/qR+OOG9L87j2wW9PfD
Idsn9uYeNL9W8yZrV97jWhriDSKmKbLdo2QwYjAdBgNVHQ4EFgQUiEFavoSWCBey
1Eyl0SjjP0RLZjQwHwYDVR0jBBgwFoAUiEFavoSWCBey1Eyl0SjjP0RLZjQwDwYD
VR0TAQH/BAUwAwEB/zAPBgNVHREECDAGhwR/AAABMAoGCCqGSM49BAMCA0cAMEQC
IDf8JXoyXlpsqP+4alHU6+1OJ6+w7XxgvP8Eftcib8SiAiBNv+UfOl4yyXyLANUl
02yuZlseBqt2jLTKfEWckvUgBQ==
-----END CERTIFICATE-----
`;
