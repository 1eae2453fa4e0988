using Microsoft.AspNetCore.Http.Metadata;

namespace GridAspire.KvNode.Api;

/// <summary>Endpoint metadata capping the request body; larger bodies get 413 before they are read.</summary>
internal sealed record RequestSizeLimitMetadata(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
