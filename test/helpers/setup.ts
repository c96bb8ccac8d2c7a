// @peculiar/x509 v2 needs reflect-metadata loaded before first use (testing.md).
import 'reflect-metadata';
