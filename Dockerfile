# syntax=docker/dockerfile:1
# Build: docker build -t stockvision .   Run: see docker-compose.yml (PostgreSQL is required; Redis is optional).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY NuGet.config Directory.Build.props global.json ./
COPY StockVision/StockVision.csproj StockVision/
RUN dotnet restore StockVision/StockVision.csproj
COPY StockVision/ StockVision/
COPY migrations/ migrations/
COPY wwwroot/ wwwroot/
RUN dotnet publish StockVision/StockVision.csproj -c Release -o /app --no-restore /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final
WORKDIR /app
# The published folder carries wwwroot/, migrations/ and Data/ (the bundled NSE data) beside the binaries.
COPY --from=build --chown=root:root /app ./
ENV ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    Logging__Format=json
EXPOSE 8080
# The image's unprivileged account; the app's files stay owned by root and read-only to it.
USER $APP_UID
HEALTHCHECK --interval=15s --timeout=6s --start-period=60s --retries=3 \
    CMD ["dotnet", "StockVision.dll", "healthcheck", "http://127.0.0.1:8080/health/live"]
ENTRYPOINT ["dotnet", "StockVision.dll"]
