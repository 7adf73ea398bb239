// The resources of one environment, in the resource group that main.bicep creates. See main.bicep for how to deploy.
param location string
param tags object
@description('Short unique token that suffixes the names that must be unique (storage account, site).')
@minLength(1)
@maxLength(22) // storage account names are 3-24 characters: "st" + token
param resourceToken string
param functionAppName string
param paymentReminderSchedule string
param morningSweepSchedule string
param maximumInstanceCount int
param instanceMemoryMB int

// The package container is the only one the template makes; the host makes its own (azure-webjobs-hosts,
// azure-webjobs-secrets) and the app makes its tables and the outbound-messages queue on first use.
var deploymentContainerName = 'app-package'

// Built-in role definition ids.
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

// User-assigned rather than system-assigned: the identity exists before the site, so its roles are granted before
// the app first starts (a system-assigned identity only exists once the site does, and the host's first start would
// race the role assignments); it also outlives the site, so re-creating the app keeps its access. The price is one
// more setting: every identity-based connection must name it by client id (AzureWebJobsStorage__clientId,
// APPLICATIONINSIGHTS_AUTHENTICATION_STRING), or the host would look for a system-assigned identity that isn't there.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: 'id-${functionAppName}'
  location: location
  tags: tags
}

// One account for everything: host state (blob leases, timer schedule status, function keys), the deployment
// package, and the app's own tables and queues, which the app reaches through the same AzureWebJobsStorage
// connection. Keys are off, so every caller, people included, needs an Entra role on the data.
resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: 'st${resourceToken}'
  location: location
  tags: tags
  sku: { name: 'Standard_LRS' }
  kind: 'StorageV2'
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    // Reachable over its public endpoint, by Entra identity only: the app has no virtual network integration.
    publicNetworkAccess: 'Enabled'
    networkAcls: { defaultAction: 'Allow', bypass: 'AzureServices' }
  }

  resource blobService 'blobServices' = {
    name: 'default'

    resource deploymentContainer 'containers' = {
      name: deploymentContainerName
      properties: { publicAccess: 'None' }
    }
  }
}

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: 'log-${resourceToken}'
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

// Local (instrumentation-key) auth is off: telemetry is accepted only with an Entra token, which the host gets for
// the identity named in APPLICATIONINSIGHTS_AUTHENTICATION_STRING. The worker sends none of its own (it has no
// Application Insights package; its logs reach the host over gRPC). If the worker ever gets the Application Insights
// SDK, configure it with the same managed identity credential, or its telemetry is refused.
resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${resourceToken}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    DisableLocalAuth: true
  }
}

// The identity's data roles on the account, all at account scope:
// - Blob Data Owner: the host creates its own containers and holds leases in them (Owner is what the Functions
//   docs require for host storage), and the platform reads and writes the package in the deployment container;
// - Queue Data Contributor: the DeliverMessage trigger reads, deletes and poisons messages; the host creates
//   outbound-messages-poison; the app enqueues and creates outbound-messages;
// - Table Data Contributor: the app's tables (created on first use), with entity group transactions and ETags.
var storageRoles = [
  roles.storageBlobDataOwner
  roles.storageQueueDataContributor
  roles.storageTableDataContributor
]

resource storageRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in storageRoles: {
    name: guid(storage.id, identity.id, role)
    scope: storage
    properties: {
      principalId: identity.properties.principalId
      // Stated, so ARM doesn't look the new principal up in Entra before it has replicated.
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    }
  }
]

// Entra-authenticated telemetry needs this role on the Application Insights resource.
resource metricsPublisherAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, identity.id, roles.monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
  }
}

// Flex Consumption: Linux only (reserved), one app per plan; scale settings live on the site.
resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: 'plan-${resourceToken}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true }
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' = {
  name: functionAppName
  location: location
  // azd finds the app to deploy the `api` service of azure.yaml to by this tag.
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    functionAppConfig: {
      // Flex runs the package that a deployment puts in this container, fetched with the app's identity: no
      // WEBSITE_RUN_FROM_PACKAGE and no content share (both are deprecated on Flex).
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      // Replaces FUNCTIONS_WORKER_RUNTIME / FUNCTIONS_EXTENSION_VERSION, which Flex doesn't take as app settings.
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      appSettings: [
        // Host storage and the app's own storage client (shared/Automation.Storage reads the same settings).
        // __accountName rather than the per-service URIs (__blobServiceUri, __queueServiceUri, __tableServiceUri):
        // it is the form the Functions docs give for public Azure, and the host has had Flex-specific trouble with
        // the per-service form (azure-functions-host #11782 / #11787). It implies the core.windows.net endpoints.
        { name: 'AzureWebJobsStorage__accountName', value: storage.name }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identity.properties.clientId }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsights.properties.ConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'Authorization=AAD;ClientId=${identity.properties.clientId}' }
        { name: 'PaymentReminderSchedule', value: paymentReminderSchedule }
        { name: 'MorningSweepSchedule', value: morningSweepSchedule }
        // The app's own address for links in agents' messages; set it to the custom domain if there is one.
        { name: 'MorningSweep__PublicBaseUrl', value: 'https://${functionAppName}.azurewebsites.net' }
      ]
    }
  }
  // The roles first: the host's first start (and azd's deploy right after provisioning) needs them in place.
  dependsOn: [
    storageRoleAssignments
    metricsPublisherAssignment
    storage::blobService::deploymentContainer
  ]
}

// No basic-auth (publishing profile) credentials: deployments authenticate with Entra ID, as azd, az and func do.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: functionApp
  name: 'scm'
  properties: { allow: false }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: functionApp
  name: 'ftp'
  properties: { allow: false }
}

output functionAppName string = functionApp.name
output functionAppHostName string = functionApp.properties.defaultHostName
output storageAccountName string = storage.name
output identityClientId string = identity.properties.clientId
output applicationInsightsName string = appInsights.name
