# The Spark Optimizer operator image: SDK build stage, ASP.NET runtime stage, non-root.
# Build from the repository root: docker build -t spark-optimizer/operator .
# Base images pinned by full version: the SDK of the 10.0.1xx band (global.json: 10.0.100, latestFeature) whose runtime is the
# runtime stage's. DockerfileBuildTests lays out exactly what these COPY lines copy and runs these RUN lines.
FROM mcr.microsoft.com/dotnet/sdk:10.0.112 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Build.targets Directory.Packages.props BannedSymbols.txt .editorconfig ./
COPY src/SparkOptimizer.Core/SparkOptimizer.Core.csproj src/SparkOptimizer.Core/
COPY src/SparkOptimizer.Publishing/SparkOptimizer.Publishing.csproj src/SparkOptimizer.Publishing/
COPY src/SparkOptimizer.Dashboard/SparkOptimizer.Dashboard.csproj src/SparkOptimizer.Dashboard/
COPY src/SparkOptimizer.Mcp/SparkOptimizer.Mcp.csproj src/SparkOptimizer.Mcp/
COPY src/SparkOptimizer.History/SparkOptimizer.History.csproj src/SparkOptimizer.History/
COPY src/SparkOptimizer.Operator/SparkOptimizer.Operator.csproj src/SparkOptimizer.Operator/
RUN dotnet restore src/SparkOptimizer.Operator/SparkOptimizer.Operator.csproj
# Core embeds config/pricing/*.yaml and config/node-shapes.yaml (CS1566 without them)
COPY config/ config/
COPY src/ src/
RUN dotnet publish src/SparkOptimizer.Operator/SparkOptimizer.Operator.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0.12 AS runtime
WORKDIR /app
COPY --from=build /app ./
# the non-root user by number (APP_UID=1654): with runAsNonRoot the kubelet refuses a USER name it cannot check
USER $APP_UID
ENV ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_gcServer=0
EXPOSE 8080
ENTRYPOINT ["dotnet", "SparkOptimizer.Operator.dll"]
