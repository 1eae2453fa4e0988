// Grafana's provisioning files have no published schema: these interfaces transcribe the apiVersion 1 structs Grafana
// itself decodes them into (grafana/grafana pkg/services/provisioning/datasources/types.go, upsertDataSourceFromConfigV1
// and configsV1; pkg/services/provisioning/dashboards/types.go, configs and configV1; file reader options in
// pkg/services/provisioning/dashboards/file_reader.go). Grafana ignores unknown keys, so a misspelt key would be
// silently lost there; here it is an error.

export interface DatasourcesFile {
  apiVersion: 1;
  prune?: boolean;
  datasources?: Datasource[];
  deleteDatasources?: { orgId?: number; orgName?: string; name: string }[];
}

export interface Datasource {
  orgId?: number;
  orgName?: string;
  version?: number;
  name: string;
  type: string;
  access?: 'proxy' | 'direct';
  url?: string;
  user?: string;
  database?: string;
  basicAuth?: boolean;
  basicAuthUser?: string;
  withCredentials?: boolean;
  isDefault?: boolean;
  correlations?: Record<string, unknown>[];
  jsonData?: Record<string, unknown>;
  secureJsonData?: Record<string, string>;
  editable?: boolean;
  uid?: string;
}

export interface DashboardsFile {
  apiVersion: 1;
  providers: DashboardProvider[];
}

export interface DashboardProvider {
  name: string;
  type?: 'file';
  orgId?: number;
  folder?: string;
  folderUid?: string;
  editable?: boolean;
  disableDeletion?: boolean;
  updateIntervalSeconds?: number;
  allowUiUpdates?: boolean;
  options: { path: string; foldersFromFilesStructure?: boolean };
}
