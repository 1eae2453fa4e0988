global using GridAspire.TestHosts;
global using GridAspire.TestSupport;
