global using GridAspire.TestHosts;
