// The OpenAPI document of the whole API, served at GET /openapi.json.
// The same bytes as docs/openapi.json: OpenAPIAgreementTests fails when the two differ, and when a route
// of the router is missing from the document or the other way round. Edit docs/openapi.json, then paste it
// between the delimiters below (the blank line before the closing delimiter keeps the final newline).

/// The OpenAPI 3.1 description of Allot's HTTP API.
public enum OpenAPIDocument {
    /// The document's JSON text, byte for byte docs/openapi.json.
    public static let json: String = #"""
{
  "openapi": "3.1.0",
  "info": {
    "title": "Allot",
    "version": "1.0.0",
    "summary": "Evidence-based decision support for STEM professional-learning grant rounds.",
    "description": "Allot turns practitioner survey evidence and providers' supply returns into a picture of where professional learning is most needed, scores grant proposals against it with the panel's reviews, and recommends the best portfolio within a round's budget and equity rules. Survey and supply data, rounds, proposals, reviews and decisions are kept in the service's store; every run records the hashes of its inputs and the code version so a decision can be audited later.\n\nEvery `/v1` request needs a bearer token (`Authorization: Bearer ...`) with one role: `admin` (everything), `analyst` (read evidence and results, run rounds) or `reviewer` (their own assignments and reviews only). Each operation lists its roles in its description and in `x-allot-roles`. Errors are JSON objects `{error, detail, path?, line?, column?}`.",
    "license": {
      "name": "Proprietary",
      "identifier": "LicenseRef-Proprietary"
    }
  },
  "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
  "servers": [
    {
      "url": "http://localhost:8080",
      "description": "`allot serve` with the default listen address."
    }
  ],
  "security": [
    {
      "bearerAuth": []
    }
  ],
  "tags": [
    {
      "name": "operations",
      "description": "Health, readiness, metrics and this document (no token)."
    },
    {
      "name": "surveys",
      "description": "Practitioner surveys and their responses."
    },
    {
      "name": "supply",
      "description": "Providers' annual returns and workforce figures."
    },
    {
      "name": "evidence",
      "description": "Need model and gaps."
    },
    {
      "name": "rounds",
      "description": "Funding rounds and their lifecycle."
    },
    {
      "name": "proposals",
      "description": "Grant proposals of a round."
    },
    {
      "name": "reviews",
      "description": "Panel reviews and conflicts of interest."
    },
    {
      "name": "reviewers",
      "description": "The review panel and its assignments."
    },
    {
      "name": "runs",
      "description": "Scoring and portfolio runs."
    },
    {
      "name": "results",
      "description": "Rankings and recommended portfolios."
    },
    {
      "name": "decisions",
      "description": "The panel's decisions."
    },
    {
      "name": "webhooks",
      "description": "Webhook endpoints, the delivery log, and the events sent."
    },
    {
      "name": "tokens",
      "description": "API tokens."
    }
  ],
  "paths": {
    "/health": {
      "get": {
        "tags": [
          "operations"
        ],
        "operationId": "health",
        "summary": "Liveness",
        "description": "Answers 200 as long as the process is up and serving HTTP. For load balancers and process supervisors; it does not touch the store. No token is needed.",
        "security": [],
        "responses": {
          "200": {
            "description": "The process is up.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Health"
                }
              }
            }
          }
        }
      }
    },
    "/ready": {
      "get": {
        "tags": [
          "operations"
        ],
        "operationId": "ready",
        "summary": "Readiness",
        "description": "Answers 200 when the service can do its work (the store can be read), and 503 when it cannot, so a load balancer stops sending it requests. No token is needed.",
        "security": [],
        "responses": {
          "200": {
            "description": "Ready to serve.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Ready"
                }
              }
            }
          },
          "503": {
            "description": "Not ready: the store is unavailable.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Ready"
                }
              }
            }
          }
        }
      }
    },
    "/metrics": {
      "get": {
        "tags": [
          "operations"
        ],
        "operationId": "metrics",
        "summary": "Prometheus metrics",
        "description": "Counters and histograms in the Prometheus text exposition format (version 0.0.4): requests by route and status with their latency, and runs by outcome. For the operator's monitoring; it carries no personal data. No token is needed.",
        "security": [],
        "responses": {
          "200": {
            "description": "Metrics in Prometheus text format.",
            "content": {
              "text/plain": {
                "schema": {
                  "type": "string"
                }
              }
            }
          }
        }
      }
    },
    "/openapi.json": {
      "get": {
        "tags": [
          "operations"
        ],
        "operationId": "openapi",
        "summary": "This document",
        "description": "The OpenAPI 3.1 description of the whole API, byte for byte the file docs/openapi.json of the repository. No token is needed.",
        "security": [],
        "responses": {
          "200": {
            "description": "The OpenAPI document.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object"
                }
              }
            }
          }
        }
      }
    },
    "/v1/surveys": {
      "get": {
        "tags": [
          "surveys"
        ],
        "operationId": "listSurveys",
        "summary": "List surveys",
        "description": "Every survey with its open and close times, whether it is scheduled, open or closed, and how many consented responses and refusals it holds. Roles: admin, analyst.",
        "x-allot-roles": [
          "admin",
          "analyst"
        ],
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "responses": {
          "200": {
            "description": "The surveys.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/Survey"
                  }
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          }
        }
      },
      "post": {
        "tags": [
          "surveys"
        ],
        "operationId": "createSurvey",
        "summary": "Create a survey",
        "description": "Registers a survey so that responses can be uploaded to it. `closes_at` is when the survey stops accepting responses: when it passes, the daemon closes it, posts `survey.closed`, rebuilds the need model and re-runs every open round that draws on the survey. The id's prefix (`practitioner-`, `technician-`, `cld-`) gives the survey kind. An id already taken answers 409. Roles: admin.",
        "x-allot-roles": [
          "admin"
        ],
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/SurveyCreate"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The survey was created.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Survey"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "422": {
            "$ref": "#/components/responses/UnprocessableEntity"
          }
        }
      }
    },
    "/v1/surveys/{survey}": {
      "get": {
        "tags": [
          "surveys"
        ],
        "operationId": "getSurvey",
        "summary": "One survey",
        "description": "A survey's dates, state and counts. Roles: admin, analyst.",
        "x-allot-roles": [
          "admin",
          "analyst"
        ],
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/survey"
          }
        ],
        "responses": {
          "200": {
            "description": "The survey.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Survey"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      }
    },
    "/v1/surveys/{survey}/responses": {
      "post": {
        "tags": [
          "surveys"
        ],
        "operationId": "uploadSurveyResponses",
        "summary": "Upload survey responses (CSV)",
        "description": "Stores the consented responses of one survey export in one transaction: either every row is stored or, at the first bad row, nothing is, and the error names the line and column. The file follows the survey responses contract (shared/spec/survey-csv.md); other header names and wordings are recognised through the mappings in Config/mappings. Of a response without consent only its id is kept. Uploading the same file twice counts nothing twice. Every row's `survey` column must name this survey (422 otherwise). A closed survey accepts no more responses (409). Roles: admin.",
        "x-allot-roles": [
          "admin"
        ],
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/survey"
          },
          {
            "$ref": "#/components/parameters/fileName"
          }
        ],
        "requestBody": {
          "description": "Survey responses, one row per response (shared/spec/survey-csv.md).",
          "required": true,
          "content": {
            "text/csv": {
              "schema": {
                "type": "string",
                "minLength": 1
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The file was stored.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/SurveyImportReport"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "422": {
            "$ref": "#/components/responses/UnprocessableEntity"
          }
        }
      }
    },
    "/v1/surveys/{survey}/close": {
      "post": {
        "tags": [
          "surveys"
        ],
        "operationId": "closeSurvey",
        "summary": "Close a survey now",
        "description": "Stops the survey accepting responses, as if its close time had passed, and posts `survey.closed`; the runs of the rounds drawing on it follow. Roles: admin.",
        "x-allot-roles": [
          "admin"
        ],
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/survey"
          }
        ],
        "responses": {
          "200": {
            "description": "The survey, now closed.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Survey"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          }
        }
      }
    },
    "/v1/surveys/{survey}/responses/{response}": {
      "delete": {
        "tags": [
          "surveys"
        ],
        "operationId": "withdrawSurveyResponse",
        "summary": "Erase a response (consent withdrawn)",
        "description": "A respondent withdrew their consent: their response is erased from the store by its `response_id` and takes no part in future runs. Records of past runs keep only aggregates, never the response itself. 404 when no such response is stored. Roles: admin.",
        "x-allot-roles": [
          "admin"
        ],
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/survey"
          },
          {
            "$ref": "#/components/parameters/response"
          }
        ],
        "responses": {
          "204": {
            "description": "The response was erased."
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      }
    },
    "/v1/surveys/{survey}/summary": {
      "get": {
        "tags": [
          "surveys"
        ],
        "operationId": "getSurveySummary",
        "summary": "Survey summary tables",
        "description": "The report tables of one survey, sector by sector and overall: responses, total and mean hours, barriers, priorities, types of learning, providers, ease of access, choice and confidence. Shares are fractions from 0 to 1 over all consented responses of the sector, with a 95% Wilson interval. Roles: admin, analyst.",
        "x-allot-roles": [
          "admin",
          "analyst"
        ],
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/survey"
          }
        ],
        "responses": {
          "200": {
            "description": "The summary.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/SurveySummary"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      }
    },
    "/v1/supply/participation": {
      "post": {
        "tags": [
          "supply"
        ],
        "operationId": "uploadParticipation",
        "summary": "Upload provider participation returns (CSV)",
        "description": "Providers' annual returns of participants and cumulative hours by sector and area (`provider-participation.csv` of shared/spec/supply-and-proposals.md). Double counting of one provider, year, sector and area is an error naming both lines. The file is checked with the same readers as the command line (errors name the line and column) and kept as uploaded; the latest file of each kind is the one in use, and its SHA-256 is recorded with every run that uses it. Roles: admin.",
        "x-allot-roles": [
          "admin"
        ],
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/fileName"
          }
        ],
        "requestBody": {
          "description": "CSV following the `provider-participation.csv` contract of shared/spec/supply-and-proposals.md.",
          "required": true,
          "content": {
            "text/csv": {
              "schema": {
                "type": "string",
                "minLength": 1
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The file was stored.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/SupplyUpload"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "422": {
            "$ref": "#/components/responses/UnprocessableEntity"
          }
        }
      }
    },
    "/v1/supply/activity": {
      "post": {
        "tags": [
          "supply"
        ],
        "operationId": "uploadActivity",
        "summary": "Upload provider activity returns (CSV)",
        "description": "Providers' annual activity returns: sessions, hours delivered, themes, reach and locations (`provider-activity.csv` of shared/spec/supply-and-proposals.md). The file is checked with the same readers as the command line (errors name the line and column) and kept as uploaded; the latest file of each kind is the one in use, and its SHA-256 is recorded with every run that uses it. Roles: admin.",
        "x-allot-roles": [
          "admin"
        ],
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/fileName"
          }
        ],
        "requestBody": {
          "description": "CSV following the `provider-activity.csv` contract of shared/spec/supply-and-proposals.md.",
          "required": true,
          "content": {
            "text/csv": {
              "schema": {
                "type": "string",
                "minLength": 1
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The file was stored.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/SupplyUpload"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "422": {
            "$ref": "#/components/responses/UnprocessableEntity"
          }
        }
      }
    },
    "/v1/supply/workforce": {
      "post": {
        "tags": [
          "supply"
        ],
        "operationId": "uploadWorkforce",
        "summary": "Upload workforce headcounts (CSV)",
        "description": "How many practitioners work in each sector and council area (`workforce.csv` of shared/spec/supply-and-proposals.md). With it, supply and need are per practitioner; without it the service falls back to survey respondents and says so. The file is checked with the same readers as the command line (errors name the line and column) and kept as uploaded; the latest file of each kind is the one in use, and its SHA-256 is recorded with every run that uses it. Roles: admin.",
        "x-allot-roles": [
          "admin"
        ],
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/fileName"
          }
        ],
        "requestBody": {
          "description": "CSV following the `workforce.csv` contract of shared/spec/supply-and-proposals.md.",
          "required": true,
          "content": {
            "text/csv": {
              "schema": {
                "type": "string",
                "minLength": 1
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The file was stored.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/SupplyUpload"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "422": {
            "$ref": "#/components/responses/UnprocessableEntity"
          }
        }
      }
    },
    "/v1/needs": {
      "get": {
        "tags": [
          "evidence"
        ],
        "operationId": "getNeeds",
        "summary": "Need model",
        "description": "Need signals per learner group and area, shrunk toward their parent area, with 95% intervals and a 0-100 need index (higher means more need): the evidence a panel weighs proposals against. Built from the latest year of each learner group among the surveys named; earlier years appear as trends. Roles: admin, analyst.",
        "x-allot-roles": [
          "admin",
          "analyst"
        ],
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/surveyQuery"
          },
          {
            "$ref": "#/components/parameters/level"
          }
        ],
        "responses": {
          "200": {
            "description": "The rows of the need model.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/NeedsView"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "422": {
            "$ref": "#/components/responses/UnprocessableEntity"
          }
        }
      }
    },
    "/v1/gaps": {
      "get": {
        "tags": [
          "evidence"
        ],
        "operationId": "getGaps",
        "summary": "Gaps between need and supply",
        "description": "For each learner group and area: practitioners, target hours, hours supplied by providers in the supply year, the gap, and the need weight that makes filling it worth more where need is higher. Notes say which rules were applied (e.g. survey respondents counted because no workforce file was uploaded). Roles: admin, analyst.",
        "x-allot-roles": [
          "admin",
          "analyst"
        ],
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/surveyQuery"
          },
          {
            "$ref": "#/components/parameters/supplyYear"
          }
        ],
        "responses": {
          "200": {
            "description": "The gaps table.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/GapsView"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "422": {
            "$ref": "#/components/responses/UnprocessableEntity"
          }
        }
      }
    },
    "/v1/rounds": {
      "get": {
        "tags": [
          "rounds"
        ],
        "operationId": "listRounds",
        "summary": "List rounds",
        "description": "Every funding round with its state and settings; a reviewer sees only the rounds it has an assignment in. Roles: admin, analyst, reviewer.",
        "x-allot-roles": [
          "admin",
          "analyst",
          "reviewer"
        ],
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "responses": {
          "200": {
            "description": "The rounds.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/Round"
                  }
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          }
        }
      },
      "post": {
        "tags": [
          "rounds"
        ],
        "operationId": "createRound",
        "summary": "Create a round",
        "description": "Creates a funding round in state `open`: its budget in pounds, the surveys and supply year it draws on, criterion weights overriding the defaults of Config/scoring.yaml, its equity constraints (group floors as shares of the budget, reaching every RIC, a cap per applicant; `\"constraints\": \"defaults\"` takes those of the configuration, and without constraints there are none), and its review settings. An id already taken answers 409. Roles: admin.",
        "x-allot-roles": [
          "admin"
        ],
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/RoundCreate"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The round was created.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Round"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "422": {
            "$ref": "#/components/responses/UnprocessableEntity"
          }
        }
      }
    },
    "/v1/rounds/{round}": {
      "get": {
        "tags": [
          "rounds"
        ],
        "operationId": "getRound",
        "summary": "One round",
        "description": "A round's state and settings; 404 to a reviewer with no assignment in it (as for every route under the round). Roles: admin, analyst, reviewer.",
        "x-allot-roles": [
          "admin",
          "analyst",
          "reviewer"
        ],
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/round"
          }
        ],
        "responses": {
          "200": {
            "description": "The round.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Round"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      }
    },
    "/v1/rounds/{round}/state": {
      "post": {
        "tags": [
          "rounds"
        ],
        "operationId": "setRoundState",
        "summary": "Move a round on in its lifecycle",
        "description": "A round moves forward through open -> reviewing -> scored -> decided -> closed; steps may be skipped, never undone (409). A successful run moves an open or reviewing round to `scored`, and recording decisions moves it to `decided`. A closed round is read-only for good (409 on any change). Roles: admin.",
        "x-allot-roles": [
          "admin"
        ],
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/round"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/RoundStateChange"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The round in its new state.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Round"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "422": {
            "$ref": "#/components/responses/UnprocessableEntity"
          }
        }
      }
    },
    "/v1/rounds/{round}/proposals": {
      "get": {
        "tags": [
          "proposals"
        ],
        "operationId": "listProposals",
        "summary": "List proposals",
        "description": "The round's proposals as stored. A reviewer sees only the proposals assigned to them, and never one from an applicant they are conflicted with. Roles: admin, analyst, reviewer.",
        "x-allot-roles": [
          "admin",
          "analyst",
          "reviewer"
        ],
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/round"
          }
        ],
        "responses": {
          "200": {
            "description": "The proposals.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/StoredProposal"
                  }
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      },
      "post": {
        "tags": [
          "proposals"
        ],
        "operationId": "uploadProposals",
        "summary": "Upload proposals (JSON or CSV)",
        "description": "Adds the round's grant proposals (a proposal with an id already stored is replaced): a JSON array of proposals (`application/json`), or a CSV file with the same fields (`text/csv`; multi cells `;`-separated, `sectors` as `code:participants` pairs), following the proposals contract of shared/spec/supply-and-proposals.md. The whole upload is checked first; an error names the JSON path or the line and column, and nothing is stored. A closed round answers 409. Roles: admin.",
        "x-allot-roles": [
          "admin"
        ],
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/round"
          }
        ],
        "requestBody": {
          "description": "Proposals (shared/spec/supply-and-proposals.md).",
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/Proposal"
                }
              }
            },
            "text/csv": {
              "schema": {
                "type": "string",
                "minLength": 1
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The proposals were stored.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ProposalUploadReport"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "422": {
            "$ref": "#/components/responses/UnprocessableEntity"
          }
        }
      }
    },
    "/v1/rounds/{round}/proposals/{proposal}": {
      "get": {
        "tags": [
          "proposals"
        ],
        "operationId": "getProposal",
        "summary": "One proposal",
        "description": "One proposal. A reviewer gets 404 (not 403, so nothing leaks) for a proposal not assigned to them or from an applicant they are conflicted with. Roles: admin, analyst, reviewer.",
        "x-allot-roles": [
          "admin",
          "analyst",
          "reviewer"
        ],
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/round"
          },
          {
            "$ref": "#/components/parameters/proposal"
          }
        ],
        "responses": {
          "200": {
            "description": "The proposal.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/StoredProposal"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      }
    },
    "/v1/rounds/{round}/conflicts": {
      "post": {
        "tags": [
          "reviews"
        ],
        "operationId": "uploadConflicts",
        "summary": "Declare conflicts of interest (CSV or JSON)",
        "description": "Declares which reviewers are conflicted with which applicants: `conflicts.csv` of shared/spec/supply-and-proposals.md (`reviewer`, `applicant`) as `text/csv`, or the same pairs as a JSON array. A conflicted reviewer is never assigned, shown or notified about that applicant's proposals. A closed round answers 409. Roles: admin.",
        "x-allot-roles": [
          "admin"
        ],
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/round"
          }
        ],
        "requestBody": {
          "description": "Conflicts: `reviewer`, `applicant`.",
          "required": true,
          "content": {
            "text/csv": {
              "schema": {
                "type": "string",
                "minLength": 1
              }
            },
            "application/json": {
              "schema": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/Conflict"
                }
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The conflicts were stored.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ConflictUploadReport"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "422": {
            "$ref": "#/components/responses/UnprocessableEntity"
          }
        }
      }
    },
    "/v1/rounds/{round}/reviews": {
      "get": {
        "tags": [
          "reviews"
        ],
        "operationId": "listReviews",
        "summary": "List reviews",
        "description": "The round's panel scores. A reviewer sees only their own, on proposals they may see. Roles: admin, analyst, reviewer.",
        "x-allot-roles": [
          "admin",
          "analyst",
          "reviewer"
        ],
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/round"
          }
        ],
        "responses": {
          "200": {
            "description": "The reviews.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/Review"
                  }
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      },
      "post": {
        "tags": [
          "reviews"
        ],
        "operationId": "submitReviews",
        "summary": "Submit reviews",
        "description": "An admin uploads the panel's reviews as CSV (`reviews.csv` of shared/spec/supply-and-proposals.md: `proposal`, `reviewer`, `criterion`, `score`, `comment`; 400 for any other content type). A reviewer submits one score as JSON `{proposal, score, comment?}` for a proposal assigned to them (404 for any other, so nothing leaks); a score outside the round's scale is 422. A later score from the same reviewer for the same proposal and criterion replaces the earlier one. A closed round answers 409. Roles: admin, reviewer.",
        "x-allot-roles": [
          "admin",
          "reviewer"
        ],
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/round"
          }
        ],
        "requestBody": {
          "description": "CSV from an admin, or one JSON score from a reviewer.",
          "required": true,
          "content": {
            "text/csv": {
              "schema": {
                "type": "string",
                "minLength": 1
              }
            },
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/ReviewerScore"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The reviews were stored.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ReviewUploadReport"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "422": {
            "$ref": "#/components/responses/UnprocessableEntity"
          }
        }
      }
    },
    "/v1/rounds/{round}/runs": {
      "get": {
        "tags": [
          "runs"
        ],
        "operationId": "listRuns",
        "summary": "Run history",
        "description": "Every run of the round with what triggered it, its outcome, the SHA-256 of each input, the settings and weights it used and the code version, so any result can be reproduced and audited later. Roles: admin, analyst.",
        "x-allot-roles": [
          "admin",
          "analyst"
        ],
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/round"
          }
        ],
        "responses": {
          "200": {
            "description": "The runs.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/Run"
                  }
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      },
      "post": {
        "tags": [
          "runs"
        ],
        "operationId": "startRun",
        "summary": "Run the round now",
        "description": "Scores the proposals and recommends a portfolio from the evidence held now, and answers when the run has finished: 201 with the run record, whose `status` is `succeeded` or `failed` (with the reason in `error`; `round.completed` or `round.failed` is posted either way). Never two runs of one round at once: 409 while another is in progress. A closed round answers 409. No request body is needed. Roles: admin, analyst.",
        "x-allot-roles": [
          "admin",
          "analyst"
        ],
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/round"
          }
        ],
        "responses": {
          "201": {
            "description": "The run finished (successfully or not).",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Run"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          }
        }
      }
    },
    "/v1/rounds/{round}/runs/{run}": {
      "get": {
        "tags": [
          "runs"
        ],
        "operationId": "getRun",
        "summary": "One run",
        "description": "A run's trigger, status, times, input hashes, settings and code version, and the reason when it failed. Roles: admin, analyst.",
        "x-allot-roles": [
          "admin",
          "analyst"
        ],
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/round"
          },
          {
            "$ref": "#/components/parameters/run"
          }
        ],
        "responses": {
          "200": {
            "description": "The run.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Run"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      }
    },
    "/v1/rounds/{round}/results": {
      "get": {
        "tags": [
          "results"
        ],
        "operationId": "getResults",
        "summary": "Ranking and recommended portfolio",
        "description": "The result of the round's latest successful run: every proposal ranked by score with the contribution of each criterion and the evidence behind it, the recommended awards within the budget and constraints, how robust each recommendation is (the chance it is funded when weights and reviewer scores vary), and money by learner group and RIC against the floors. The same document as `allot round run --json`. 404 until a run has succeeded. Roles: admin, analyst.",
        "x-allot-roles": [
          "admin",
          "analyst"
        ],
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/round"
          }
        ],
        "responses": {
          "200": {
            "description": "The result.",
            "headers": {
              "ETag": {
                "description": "The id of the run the result comes from, quoted.",
                "schema": {
                  "type": "string"
                }
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/RoundResult"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      }
    },
    "/v1/rounds/{round}/results.csv": {
      "get": {
        "tags": [
          "results"
        ],
        "operationId": "getResultsCSV",
        "summary": "Results as a spreadsheet (CSV)",
        "description": "The same result as one CSV row per proposal, for the panel's spreadsheet: `rank`, `id`, `applicant`, `title`, `requested`, `minimum`, `score`, `value`, one column per criterion (`need_alignment`, `priority_match`, `barrier_mitigation`, `equity_reach`, `value_for_money`, `panel_quality`, `deliverability`), `panel_raw`, `panel_calibrated`, `reviews`, `projected_hours`, `filled_weighted_hours`, `flags`, `recommended`, `award`, `funded_probability`, `near_line`, `funded_at_request`. 404 until a run has succeeded. Roles: admin, analyst.",
        "x-allot-roles": [
          "admin",
          "analyst"
        ],
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/round"
          }
        ],
        "responses": {
          "200": {
            "description": "The spreadsheet.",
            "headers": {
              "ETag": {
                "description": "The id of the run the result comes from, quoted.",
                "schema": {
                  "type": "string"
                }
              }
            },
            "content": {
              "text/csv": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      }
    },
    "/v1/rounds/{round}/decisions": {
      "get": {
        "tags": [
          "decisions"
        ],
        "operationId": "listDecisions",
        "summary": "The panel's decisions (audit trail)",
        "description": "Every decision recorded for the round, oldest first (a later decision on a proposal is a new row, never an edit), each with who made it, the run whose recommendation it was measured against, that recommendation, and whether it departed from it. Roles: admin, analyst.",
        "x-allot-roles": [
          "admin",
          "analyst"
        ],
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/round"
          }
        ],
        "responses": {
          "200": {
            "description": "The decisions.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/Decision"
                  }
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      },
      "post": {
        "tags": [
          "decisions"
        ],
        "operationId": "recordDecisions",
        "summary": "Record the panel's decisions",
        "description": "Records the panel's decision per proposal: `fund` with an amount in pounds (above 0, at most the amount requested) or `decline` (no amount). A decision that departs from the latest successful run's recommendation (funding one it did not recommend, declining one it did, or a different amount) needs a `reason` (422 without one). The decisions, who made them and the recommendations they departed from are kept in the audit trail, the round moves to `decided`, and `round.decided` is posted, all in one transaction. 409 when the round is closed or has no successful run yet. Roles: admin.",
        "x-allot-roles": [
          "admin"
        ],
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/round"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/DecisionInput"
                }
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The decisions as recorded.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/Decision"
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "422": {
            "$ref": "#/components/responses/UnprocessableEntity"
          }
        }
      }
    },
    "/v1/reviewers": {
      "get": {
        "tags": [
          "reviewers"
        ],
        "operationId": "listReviewers",
        "summary": "List reviewers",
        "description": "The review panel. Roles: admin, analyst.",
        "x-allot-roles": [
          "admin",
          "analyst"
        ],
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "responses": {
          "200": {
            "description": "The reviewers.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/Reviewer"
                  }
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          }
        }
      },
      "post": {
        "tags": [
          "reviewers"
        ],
        "operationId": "createReviewer",
        "summary": "Add a reviewer",
        "description": "Adds a reviewer to the panel (or updates one with the same id). To let them sign in, create a `reviewer` token naming them (`POST /v1/tokens`); to notify them, add a webhook endpoint with their id as `reviewer_id`. Roles: admin.",
        "x-allot-roles": [
          "admin"
        ],
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/Reviewer"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The reviewer was saved.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Reviewer"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "422": {
            "$ref": "#/components/responses/UnprocessableEntity"
          }
        }
      }
    },
    "/v1/rounds/{round}/assignments": {
      "get": {
        "tags": [
          "reviewers"
        ],
        "operationId": "listAssignments",
        "summary": "List assignments",
        "description": "Who reviews which proposal, and each reviewer's load. A reviewer sees only their own. Roles: admin, analyst, reviewer.",
        "x-allot-roles": [
          "admin",
          "analyst",
          "reviewer"
        ],
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/round"
          }
        ],
        "responses": {
          "200": {
            "description": "The assignments.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Assignments"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      },
      "post": {
        "tags": [
          "reviewers"
        ],
        "operationId": "assignReviewers",
        "summary": "Assign reviewers",
        "description": "Gives every proposal `reviews_per_proposal` distinct reviewers (default: the round's setting), none conflicted with its applicant, with loads as even as possible (a min-cost flow), replacing the round's assignments. Each assignment posts `review.assigned` to the reviewer's endpoints. 409 when no reviewers are registered; 422 when the panel is too small or too conflicted, saying which proposals cannot get enough reviewers. Roles: admin.",
        "x-allot-roles": [
          "admin"
        ],
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/round"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/AssignmentRequest"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The new assignments.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Assignments"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "422": {
            "$ref": "#/components/responses/UnprocessableEntity"
          }
        }
      }
    },
    "/v1/webhooks/endpoints": {
      "get": {
        "tags": [
          "webhooks"
        ],
        "operationId": "listWebhookEndpoints",
        "summary": "List webhook endpoints",
        "description": "Every receiver of webhooks, from Config/webhooks.yaml and added through the API, with the events it takes and whether it is enabled (and why not). Secrets are never shown. Roles: admin.",
        "x-allot-roles": [
          "admin"
        ],
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "responses": {
          "200": {
            "description": "The endpoints.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/WebhookEndpoint"
                  }
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          }
        }
      },
      "post": {
        "tags": [
          "webhooks"
        ],
        "operationId": "createWebhookEndpoint",
        "summary": "Add a webhook endpoint",
        "description": "Adds a receiver. The URL must be http or https (422 otherwise); an id already taken answers 409. Without `secret` a signing secret is generated and shown in the answer this once. An endpoint with `reviewer_id` receives only that reviewer's notifications. Before each delivery the target's addresses are checked: private, loopback and link-local targets need the configuration's allow-list (docs/webhooks.md). Roles: admin.",
        "x-allot-roles": [
          "admin"
        ],
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/WebhookEndpointCreate"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The endpoint was saved.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/WebhookEndpoint"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "422": {
            "$ref": "#/components/responses/UnprocessableEntity"
          }
        }
      }
    },
    "/v1/webhooks/endpoints/{endpoint}": {
      "delete": {
        "tags": [
          "webhooks"
        ],
        "operationId": "deleteWebhookEndpoint",
        "summary": "Remove a webhook endpoint",
        "description": "Stops deliveries to an endpoint: it is disabled (reason `deleted through the API`), not erased, so its delivery log stays readable. Roles: admin.",
        "x-allot-roles": [
          "admin"
        ],
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/endpoint"
          }
        ],
        "responses": {
          "204": {
            "description": "The endpoint was disabled."
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      }
    },
    "/v1/webhooks/deliveries": {
      "get": {
        "tags": [
          "webhooks"
        ],
        "operationId": "listDeliveries",
        "summary": "Delivery log",
        "description": "Messages to endpoints, newest first, with their state, attempts, last status and last error. Roles: admin.",
        "x-allot-roles": [
          "admin"
        ],
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/deliveryEvent"
          },
          {
            "$ref": "#/components/parameters/deliveryEndpoint"
          },
          {
            "$ref": "#/components/parameters/deliveryState"
          },
          {
            "$ref": "#/components/parameters/limit"
          }
        ],
        "responses": {
          "200": {
            "description": "The deliveries.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/Delivery"
                  }
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          }
        }
      }
    },
    "/v1/webhooks/deliveries/{delivery}/redeliver": {
      "post": {
        "tags": [
          "webhooks"
        ],
        "operationId": "redeliver",
        "summary": "Send a delivery again",
        "description": "Queues the message again to its endpoint, with the same `webhook-id` and a fresh retry schedule, e.g. after a receiver was fixed. Roles: admin.",
        "x-allot-roles": [
          "admin"
        ],
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/delivery"
          }
        ],
        "responses": {
          "202": {
            "description": "The delivery was queued again.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Redelivery"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      }
    },
    "/v1/tokens": {
      "post": {
        "tags": [
          "tokens"
        ],
        "operationId": "createToken",
        "summary": "Create an API token",
        "description": "Creates a bearer token with one role: `admin` (everything), `analyst` (read evidence and results, run rounds), or `reviewer` (their own assignments and reviews; `reviewer` names a registered reviewer and is required for this role only). The token is shown once in the answer and stored only as a hash; `allot token create` does the same from the command line. Roles: admin.",
        "x-allot-roles": [
          "admin"
        ],
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/TokenCreate"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The token was created.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/TokenCreated"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "422": {
            "$ref": "#/components/responses/UnprocessableEntity"
          }
        }
      }
    }
  },
  "webhooks": {
    "round.completed": {
      "post": {
        "tags": [
          "webhooks"
        ],
        "operationId": "webhookRoundCompleted",
        "summary": "A round was scored and a portfolio recommended",
        "description": "Sent after every successful run (through the API, on a schedule, or after a survey closed): the top ten of the ranking and every recommended award (`applicant_id` carries the proposal id). Endpoints of format `chat` receive `{\"text\": ...}` with a one-line rendering instead. See docs/webhooks.md.",
        "parameters": [
          {
            "name": "webhook-id",
            "in": "header",
            "required": true,
            "description": "The message id (`msg_` and 32 hex digits), the same on every retry: use it to deduplicate.",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "webhook-timestamp",
            "in": "header",
            "required": true,
            "description": "Unix seconds when this attempt was sent; reject it when more than five minutes from now.",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "webhook-signature",
            "in": "header",
            "required": true,
            "description": "`v1,<base64 HMAC-SHA256>` over `{webhook-id}.{webhook-timestamp}.{body}` keyed with the endpoint's secret (Standard Webhooks); several, space-separated, while a secret is rotated.",
            "schema": {
              "type": "string"
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/RoundCompletedEvent"
              }
            }
          }
        },
        "responses": {
          "2XX": {
            "description": "Accepted: any 2xx."
          },
          "410": {
            "description": "Gone: Allot stops delivering to this endpoint and disables it."
          },
          "429": {
            "description": "Busy: retried no earlier than `Retry-After`."
          },
          "default": {
            "description": "Anything else is retried on the schedule of docs/webhooks.md."
          }
        }
      }
    },
    "round.failed": {
      "post": {
        "tags": [
          "webhooks"
        ],
        "operationId": "webhookRoundFailed",
        "summary": "A round run failed",
        "description": "Sent when a run could not finish, with the step that failed and why in plain words (e.g. which constraint cannot be met). Endpoints of format `chat` receive `{\"text\": ...}` with a one-line rendering instead. See docs/webhooks.md.",
        "parameters": [
          {
            "name": "webhook-id",
            "in": "header",
            "required": true,
            "description": "The message id (`msg_` and 32 hex digits), the same on every retry: use it to deduplicate.",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "webhook-timestamp",
            "in": "header",
            "required": true,
            "description": "Unix seconds when this attempt was sent; reject it when more than five minutes from now.",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "webhook-signature",
            "in": "header",
            "required": true,
            "description": "`v1,<base64 HMAC-SHA256>` over `{webhook-id}.{webhook-timestamp}.{body}` keyed with the endpoint's secret (Standard Webhooks); several, space-separated, while a secret is rotated.",
            "schema": {
              "type": "string"
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/RoundFailedEvent"
              }
            }
          }
        },
        "responses": {
          "2XX": {
            "description": "Accepted: any 2xx."
          },
          "410": {
            "description": "Gone: Allot stops delivering to this endpoint and disables it."
          },
          "429": {
            "description": "Busy: retried no earlier than `Retry-After`."
          },
          "default": {
            "description": "Anything else is retried on the schedule of docs/webhooks.md."
          }
        }
      }
    },
    "round.decided": {
      "post": {
        "tags": [
          "webhooks"
        ],
        "operationId": "webhookRoundDecided",
        "summary": "The panel decided a round",
        "description": "Sent each time the panel records decisions (`POST /v1/rounds/{round}/decisions`), in the same transaction: each decision with the recommendation it was measured against, whether it departed from it and why. Endpoints of format `chat` receive `{\"text\": ...}` with a one-line rendering instead. See docs/webhooks.md.",
        "parameters": [
          {
            "name": "webhook-id",
            "in": "header",
            "required": true,
            "description": "The message id (`msg_` and 32 hex digits), the same on every retry: use it to deduplicate.",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "webhook-timestamp",
            "in": "header",
            "required": true,
            "description": "Unix seconds when this attempt was sent; reject it when more than five minutes from now.",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "webhook-signature",
            "in": "header",
            "required": true,
            "description": "`v1,<base64 HMAC-SHA256>` over `{webhook-id}.{webhook-timestamp}.{body}` keyed with the endpoint's secret (Standard Webhooks); several, space-separated, while a secret is rotated.",
            "schema": {
              "type": "string"
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/RoundDecidedEvent"
              }
            }
          }
        },
        "responses": {
          "2XX": {
            "description": "Accepted: any 2xx."
          },
          "410": {
            "description": "Gone: Allot stops delivering to this endpoint and disables it."
          },
          "429": {
            "description": "Busy: retried no earlier than `Retry-After`."
          },
          "default": {
            "description": "Anything else is retried on the schedule of docs/webhooks.md."
          }
        }
      }
    },
    "review.assigned": {
      "post": {
        "tags": [
          "webhooks"
        ],
        "operationId": "webhookReviewAssigned",
        "summary": "A reviewer was given a proposal to review",
        "description": "A reviewer notification: it goes to general endpoints and to the endpoints of that reviewer only, and is withheld from a reviewer conflicted with the applicant. Endpoints of format `chat` receive `{\"text\": ...}` with a one-line rendering instead. See docs/webhooks.md.",
        "parameters": [
          {
            "name": "webhook-id",
            "in": "header",
            "required": true,
            "description": "The message id (`msg_` and 32 hex digits), the same on every retry: use it to deduplicate.",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "webhook-timestamp",
            "in": "header",
            "required": true,
            "description": "Unix seconds when this attempt was sent; reject it when more than five minutes from now.",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "webhook-signature",
            "in": "header",
            "required": true,
            "description": "`v1,<base64 HMAC-SHA256>` over `{webhook-id}.{webhook-timestamp}.{body}` keyed with the endpoint's secret (Standard Webhooks); several, space-separated, while a secret is rotated.",
            "schema": {
              "type": "string"
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/ReviewAssignedEvent"
              }
            }
          }
        },
        "responses": {
          "2XX": {
            "description": "Accepted: any 2xx."
          },
          "410": {
            "description": "Gone: Allot stops delivering to this endpoint and disables it."
          },
          "429": {
            "description": "Busy: retried no earlier than `Retry-After`."
          },
          "default": {
            "description": "Anything else is retried on the schedule of docs/webhooks.md."
          }
        }
      }
    },
    "review.reminder": {
      "post": {
        "tags": [
          "webhooks"
        ],
        "operationId": "webhookReviewReminder",
        "summary": "Reviews are due soon",
        "description": "A reviewer notification, sent once per reviewer and round when the review deadline is within the configured lead time (`reminders.lead_hours` in Config/allot.yaml) and reviews are still outstanding; the same audience rules as `review.assigned` apply. Endpoints of format `chat` receive `{\"text\": ...}` with a one-line rendering instead. See docs/webhooks.md.",
        "parameters": [
          {
            "name": "webhook-id",
            "in": "header",
            "required": true,
            "description": "The message id (`msg_` and 32 hex digits), the same on every retry: use it to deduplicate.",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "webhook-timestamp",
            "in": "header",
            "required": true,
            "description": "Unix seconds when this attempt was sent; reject it when more than five minutes from now.",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "webhook-signature",
            "in": "header",
            "required": true,
            "description": "`v1,<base64 HMAC-SHA256>` over `{webhook-id}.{webhook-timestamp}.{body}` keyed with the endpoint's secret (Standard Webhooks); several, space-separated, while a secret is rotated.",
            "schema": {
              "type": "string"
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/ReviewReminderEvent"
              }
            }
          }
        },
        "responses": {
          "2XX": {
            "description": "Accepted: any 2xx."
          },
          "410": {
            "description": "Gone: Allot stops delivering to this endpoint and disables it."
          },
          "429": {
            "description": "Busy: retried no earlier than `Retry-After`."
          },
          "default": {
            "description": "Anything else is retried on the schedule of docs/webhooks.md."
          }
        }
      }
    },
    "survey.closed": {
      "post": {
        "tags": [
          "webhooks"
        ],
        "operationId": "webhookSurveyClosed",
        "summary": "A survey closed",
        "description": "A survey stopped accepting responses (its close time passed, or an admin closed it); runs of the rounds drawing on it follow. Endpoints of format `chat` receive `{\"text\": ...}` with a one-line rendering instead. See docs/webhooks.md.",
        "parameters": [
          {
            "name": "webhook-id",
            "in": "header",
            "required": true,
            "description": "The message id (`msg_` and 32 hex digits), the same on every retry: use it to deduplicate.",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "webhook-timestamp",
            "in": "header",
            "required": true,
            "description": "Unix seconds when this attempt was sent; reject it when more than five minutes from now.",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "webhook-signature",
            "in": "header",
            "required": true,
            "description": "`v1,<base64 HMAC-SHA256>` over `{webhook-id}.{webhook-timestamp}.{body}` keyed with the endpoint's secret (Standard Webhooks); several, space-separated, while a secret is rotated.",
            "schema": {
              "type": "string"
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/SurveyClosedEvent"
              }
            }
          }
        },
        "responses": {
          "2XX": {
            "description": "Accepted: any 2xx."
          },
          "410": {
            "description": "Gone: Allot stops delivering to this endpoint and disables it."
          },
          "429": {
            "description": "Busy: retried no earlier than `Retry-After`."
          },
          "default": {
            "description": "Anything else is retried on the schedule of docs/webhooks.md."
          }
        }
      }
    },
    "delivery.exhausted": {
      "post": {
        "tags": [
          "webhooks"
        ],
        "operationId": "webhookDeliveryExhausted",
        "summary": "A webhook could not be delivered",
        "description": "A message was dead-lettered after its last attempt (or its endpoint answered 410 Gone). Sent to every other endpoint subscribed to it, never to the failing one. Endpoints of format `chat` receive `{\"text\": ...}` with a one-line rendering instead. See docs/webhooks.md.",
        "parameters": [
          {
            "name": "webhook-id",
            "in": "header",
            "required": true,
            "description": "The message id (`msg_` and 32 hex digits), the same on every retry: use it to deduplicate.",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "webhook-timestamp",
            "in": "header",
            "required": true,
            "description": "Unix seconds when this attempt was sent; reject it when more than five minutes from now.",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "webhook-signature",
            "in": "header",
            "required": true,
            "description": "`v1,<base64 HMAC-SHA256>` over `{webhook-id}.{webhook-timestamp}.{body}` keyed with the endpoint's secret (Standard Webhooks); several, space-separated, while a secret is rotated.",
            "schema": {
              "type": "string"
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/DeliveryExhaustedEvent"
              }
            }
          }
        },
        "responses": {
          "2XX": {
            "description": "Accepted: any 2xx."
          },
          "410": {
            "description": "Gone: Allot stops delivering to this endpoint and disables it."
          },
          "429": {
            "description": "Busy: retried no earlier than `Retry-After`."
          },
          "default": {
            "description": "Anything else is retried on the schedule of docs/webhooks.md."
          }
        }
      }
    }
  },
  "components": {
    "schemas": {
      "Assignment": {
        "type": "object",
        "description": "One reviewer assigned to review one proposal.",
        "required": [
          "proposal",
          "reviewer"
        ],
        "properties": {
          "proposal": {
            "type": "string"
          },
          "reviewer": {
            "type": "string"
          }
        }
      },
      "AssignmentRequest": {
        "type": "object",
        "properties": {
          "reviews_per_proposal": {
            "type": "integer",
            "description": "Default: the round's setting.",
            "minimum": 1,
            "maximum": 100
          }
        }
      },
      "Assignments": {
        "type": "object",
        "required": [
          "round",
          "assignments",
          "loads"
        ],
        "properties": {
          "round": {
            "type": "string"
          },
          "assignments": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Assignment"
            }
          },
          "loads": {
            "type": "object",
            "description": "Reviewer -> reviews assigned.",
            "additionalProperties": {
              "type": "integer"
            }
          }
        }
      },
      "CellEvidence": {
        "type": "object",
        "required": [
          "group",
          "area",
          "hours",
          "demand_hours",
          "supplied_hours",
          "gap_hours",
          "filled_hours",
          "need_index",
          "need_weight",
          "respondents",
          "priority_share",
          "barrier_share"
        ],
        "properties": {
          "group": {
            "type": "string"
          },
          "area": {
            "type": "string"
          },
          "hours": {
            "type": "number",
            "description": "Projected hours of the proposal in this cell."
          },
          "demand_hours": {
            "type": "number"
          },
          "supplied_hours": {
            "type": "number"
          },
          "gap_hours": {
            "type": "number"
          },
          "filled_hours": {
            "type": "number",
            "description": "min(hours, gap): the hours that fill a real gap."
          },
          "need_index": {
            "type": "number"
          },
          "need_weight": {
            "type": "number"
          },
          "respondents": {
            "type": "integer"
          },
          "priority_share": {
            "type": "number",
            "description": "Chance a practitioner of the cell named at least one of the proposal's priorities."
          },
          "barrier_share": {
            "type": "number",
            "description": "Chance a practitioner of the cell named at least one of the barriers it addresses."
          }
        }
      },
      "ComponentScore": {
        "type": "object",
        "required": [
          "value",
          "weight",
          "contribution",
          "explanation"
        ],
        "properties": {
          "value": {
            "type": "number",
            "description": "The criterion's 0-1 value.",
            "minimum": 0,
            "maximum": 1
          },
          "weight": {
            "type": "number"
          },
          "contribution": {
            "type": "number",
            "description": "weight x value; the score is the sum of these."
          },
          "explanation": {
            "type": "string",
            "description": "The figures behind the value, in words."
          }
        }
      },
      "Conflict": {
        "type": "object",
        "description": "A reviewer who must never review, see or be notified about an applicant.",
        "required": [
          "reviewer",
          "applicant"
        ],
        "properties": {
          "reviewer": {
            "type": "string",
            "minLength": 1,
            "maxLength": 200
          },
          "applicant": {
            "type": "string",
            "minLength": 1,
            "maxLength": 200
          }
        }
      },
      "ConflictUploadReport": {
        "type": "object",
        "required": [
          "round",
          "stored"
        ],
        "properties": {
          "round": {
            "type": "string"
          },
          "stored": {
            "type": "integer"
          }
        }
      },
      "Decision": {
        "type": "object",
        "description": "The panel's decision on one proposal.",
        "required": [
          "proposal",
          "decision",
          "decided_by",
          "departed",
          "decided_at"
        ],
        "properties": {
          "proposal": {
            "type": "string"
          },
          "decision": {
            "type": "string",
            "enum": [
              "fund",
              "decline"
            ]
          },
          "amount": {
            "type": [
              "number",
              "null"
            ],
            "description": "Pounds awarded when funded."
          },
          "reason": {
            "type": [
              "string",
              "null"
            ]
          },
          "decided_by": {
            "type": "string",
            "description": "Who recorded it (the token's name)."
          },
          "run_id": {
            "type": [
              "string",
              "null"
            ],
            "description": "The run whose recommendation it was measured against."
          },
          "recommended_fund": {
            "type": [
              "boolean",
              "null"
            ],
            "description": "What that run recommended; absent when the proposal was not in it."
          },
          "recommended_amount": {
            "type": [
              "number",
              "null"
            ]
          },
          "departed": {
            "type": "boolean",
            "description": "The decision departs from the recommendation."
          },
          "decided_at": {
            "type": "string",
            "format": "date-time"
          }
        }
      },
      "DecisionInput": {
        "type": "object",
        "required": [
          "proposal",
          "decision"
        ],
        "properties": {
          "proposal": {
            "type": "string"
          },
          "decision": {
            "type": "string",
            "enum": [
              "fund",
              "decline"
            ]
          },
          "amount": {
            "type": "number",
            "description": "Required to fund (above 0, at most the amount requested); absent to decline.",
            "exclusiveMinimum": 0,
            "maximum": 1000000000000
          },
          "reason": {
            "type": "string",
            "description": "Required when the decision departs from the recommendation.",
            "maxLength": 10000
          }
        },
        "description": "One decision; a batch decides each proposal once (422 naming both entries otherwise)."
      },
      "Delivery": {
        "type": "object",
        "description": "One message to one endpoint.",
        "required": [
          "id",
          "event_id",
          "event_type",
          "endpoint_id",
          "state",
          "attempts",
          "enqueued_at"
        ],
        "properties": {
          "id": {
            "type": "integer",
            "description": "Delivery id, for redelivery."
          },
          "event_id": {
            "type": "string",
            "description": "The `webhook-id`, the same on every retry."
          },
          "event_type": {
            "type": "string"
          },
          "endpoint_id": {
            "type": "string"
          },
          "state": {
            "$ref": "#/components/schemas/DeliveryState"
          },
          "attempts": {
            "type": "integer"
          },
          "enqueued_at": {
            "type": "string",
            "format": "date-time"
          },
          "next_attempt_at": {
            "type": [
              "string",
              "null"
            ],
            "format": "date-time"
          },
          "finished_at": {
            "type": [
              "string",
              "null"
            ],
            "format": "date-time"
          },
          "last_status": {
            "type": [
              "integer",
              "null"
            ]
          },
          "last_error": {
            "type": [
              "string",
              "null"
            ]
          }
        }
      },
      "DeliveryExhaustedData": {
        "type": "object",
        "required": [
          "message_id",
          "event_type",
          "endpoint_id",
          "attempts",
          "reason"
        ],
        "properties": {
          "message_id": {
            "type": "string"
          },
          "event_type": {
            "type": "string"
          },
          "endpoint_id": {
            "type": "string"
          },
          "attempts": {
            "type": "integer"
          },
          "last_status": {
            "type": "integer",
            "description": "Absent when the last attempt got no response."
          },
          "reason": {
            "type": "string"
          }
        }
      },
      "DeliveryExhaustedEvent": {
        "type": "object",
        "required": [
          "type",
          "timestamp",
          "data"
        ],
        "properties": {
          "type": {
            "type": "string",
            "const": "delivery.exhausted"
          },
          "timestamp": {
            "type": "string",
            "description": "When the event happened.",
            "format": "date-time"
          },
          "data": {
            "$ref": "#/components/schemas/DeliveryExhaustedData"
          }
        }
      },
      "DeliveryState": {
        "type": "string",
        "enum": [
          "pending",
          "delivered",
          "failed",
          "suppressed"
        ]
      },
      "Error": {
        "type": "object",
        "description": "Every error answer.",
        "required": [
          "error",
          "detail"
        ],
        "properties": {
          "error": {
            "type": "string",
            "description": "A stable code: `bad_request`, `unauthorized`, `forbidden`, `not_found`, `conflict`, `already_exists`, `run_in_progress`, `too_large`, `invalid`, `invalid_json`, `invalid_input`, `round_failed`, `store_error`, `internal`..."
          },
          "detail": {
            "type": "string",
            "description": "For a person: what is wrong and what was expected."
          },
          "path": {
            "type": "string",
            "description": "Where in the request: a JSON path such as `$[2].reason`, or a query parameter name."
          },
          "line": {
            "type": "integer",
            "description": "Line of the uploaded file (1 is the header).",
            "minimum": 1
          },
          "column": {
            "type": "integer",
            "description": "Column of the uploaded file (1 is the first).",
            "minimum": 1
          }
        }
      },
      "GapCell": {
        "type": "object",
        "required": [
          "level",
          "group",
          "practitioners",
          "target_hours",
          "demand_hours",
          "supplied_hours",
          "gap_hours",
          "need_index",
          "need_weight",
          "weighted_gap"
        ],
        "properties": {
          "level": {
            "type": "string"
          },
          "group": {
            "type": "string",
            "description": "Learner-group code."
          },
          "area": {
            "type": [
              "string",
              "null"
            ]
          },
          "area_name": {
            "type": [
              "string",
              "null"
            ]
          },
          "practitioners": {
            "type": "number"
          },
          "target_hours": {
            "type": "number",
            "description": "Target hours per practitioner."
          },
          "demand_hours": {
            "type": "number",
            "description": "practitioners x target hours."
          },
          "supplied_hours": {
            "type": "number"
          },
          "gap_hours": {
            "type": "number",
            "description": "max(0, demand - supplied)."
          },
          "need_index": {
            "type": "number"
          },
          "need_weight": {
            "type": "number"
          },
          "weighted_gap": {
            "type": "number",
            "description": "Gap hours x need weight: how much filling this cell is worth."
          }
        }
      },
      "GapReport": {
        "type": "object",
        "required": [
          "practitioners_from",
          "notes",
          "cells"
        ],
        "properties": {
          "practitioners_from": {
            "type": "string",
            "description": "`workforce` or `survey respondents`."
          },
          "notes": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "cells": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/GapCell"
            }
          }
        }
      },
      "GapsView": {
        "type": "object",
        "required": [
          "surveys",
          "report"
        ],
        "properties": {
          "surveys": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "supply_year": {
            "type": [
              "string",
              "null"
            ]
          },
          "report": {
            "$ref": "#/components/schemas/GapReport"
          }
        }
      },
      "Health": {
        "type": "object",
        "required": [
          "status"
        ],
        "properties": {
          "status": {
            "type": "string",
            "enum": [
              "ok"
            ]
          }
        }
      },
      "IndicatorEstimate": {
        "type": "object",
        "required": [
          "shrunk",
          "n",
          "low",
          "high"
        ],
        "properties": {
          "raw": {
            "type": [
              "number",
              "null"
            ],
            "description": "Unshrunk value; null when nobody in the cell answered."
          },
          "shrunk": {
            "type": "number",
            "description": "Value shrunk toward the parent area."
          },
          "n": {
            "type": "integer",
            "description": "Responses behind it.",
            "minimum": 0
          },
          "low": {
            "type": "number",
            "description": "95% interval, low end."
          },
          "high": {
            "type": "number",
            "description": "95% interval, high end."
          }
        }
      },
      "MoneyLine": {
        "type": "object",
        "required": [
          "key",
          "name",
          "amount",
          "share",
          "projects"
        ],
        "properties": {
          "key": {
            "type": "string",
            "description": "Learner-group or RIC code."
          },
          "name": {
            "type": "string"
          },
          "amount": {
            "type": "number",
            "description": "Awards apportioned by the share of each project's hours here."
          },
          "share": {
            "type": "number",
            "description": "Share of the money allocated."
          },
          "projects": {
            "type": "integer",
            "description": "Funded projects with any hours here."
          },
          "floor": {
            "type": "number",
            "description": "The floor in pounds where the round sets one."
          }
        }
      },
      "NeedRow": {
        "type": "object",
        "required": [
          "level",
          "year",
          "responses",
          "need_index",
          "few_responses",
          "indicators",
          "trend"
        ],
        "properties": {
          "level": {
            "type": "string",
            "enum": [
              "national",
              "group",
              "ric",
              "council",
              "urban_rural",
              "simd_quintile"
            ]
          },
          "group": {
            "type": [
              "string",
              "null"
            ],
            "description": "Learner-group code; null for the all-groups national row."
          },
          "area": {
            "type": [
              "string",
              "null"
            ],
            "description": "GSS code, RIC code, `ur6:N` or `simd:N`; null for national rows."
          },
          "area_name": {
            "type": [
              "string",
              "null"
            ]
          },
          "ric": {
            "type": [
              "string",
              "null"
            ]
          },
          "year": {
            "type": "string",
            "description": "Academic year of the figures."
          },
          "responses": {
            "type": "integer",
            "minimum": 0
          },
          "need_index": {
            "type": "number",
            "description": "0-100, higher means more need.",
            "minimum": 0,
            "maximum": 100
          },
          "few_responses": {
            "type": "boolean"
          },
          "indicators": {
            "type": "object",
            "additionalProperties": {
              "$ref": "#/components/schemas/IndicatorEstimate"
            }
          },
          "trend": {
            "type": "array",
            "description": "Earlier years' headline figures for the same cell.",
            "items": {
              "type": "object",
              "required": [
                "year",
                "responses",
                "need_index"
              ],
              "properties": {
                "year": {
                  "type": "string"
                },
                "responses": {
                  "type": "integer"
                },
                "need_index": {
                  "type": "number"
                },
                "mean_hours": {
                  "type": [
                    "number",
                    "null"
                  ]
                },
                "access_difficult": {
                  "type": [
                    "number",
                    "null"
                  ]
                },
                "not_confident": {
                  "type": [
                    "number",
                    "null"
                  ]
                }
              }
            }
          }
        }
      },
      "NeedsView": {
        "type": "object",
        "description": "The need model's rows of one level.",
        "required": [
          "surveys",
          "level",
          "rows"
        ],
        "properties": {
          "surveys": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "level": {
            "type": "string"
          },
          "rows": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/NeedRow"
            }
          }
        }
      },
      "PanelResult": {
        "type": "object",
        "required": [
          "reviews",
          "raw_score",
          "calibrated_score",
          "normalised",
          "quality_factor",
          "method"
        ],
        "properties": {
          "reviews": {
            "type": "integer"
          },
          "raw_score": {
            "type": "number"
          },
          "calibrated_score": {
            "type": "number",
            "description": "After correcting each reviewer's leniency."
          },
          "normalised": {
            "type": "number",
            "description": "(calibrated - scale minimum) / (scale maximum - scale minimum)."
          },
          "quality_factor": {
            "type": "number",
            "description": "0.5-1.5, multiplies the proposal's value."
          },
          "method": {
            "type": "string"
          }
        }
      },
      "Proposal": {
        "type": "object",
        "description": "A grant proposal (shared/spec/supply-and-proposals.md, Grant proposals).",
        "required": [
          "id",
          "applicant",
          "requested",
          "sectors",
          "areas",
          "hours_per_participant"
        ],
        "properties": {
          "id": {
            "type": "string",
            "description": "Unique within the round.",
            "minLength": 1,
            "maxLength": 200
          },
          "applicant": {
            "type": "string",
            "description": "Applicant organisation; matched to providers in the supply returns by name (aliases in Config/).",
            "minLength": 1,
            "maxLength": 200
          },
          "title": {
            "type": "string",
            "maxLength": 500
          },
          "requested": {
            "type": "number",
            "description": "Pounds asked for.",
            "exclusiveMinimum": 0,
            "maximum": 1000000000000
          },
          "minimum": {
            "type": "number",
            "description": "The smallest award that still lets the project run (0 < minimum <= requested); absent: all or nothing.",
            "exclusiveMinimum": 0,
            "maximum": 1000000000000
          },
          "sectors": {
            "type": "array",
            "description": "Participants per sector.",
            "items": {
              "type": "object",
              "required": [
                "sector",
                "participants"
              ],
              "properties": {
                "sector": {
                  "type": "string",
                  "description": "Sector code (survey-csv.md)."
                },
                "participants": {
                  "type": "integer",
                  "minimum": 0,
                  "maximum": 999999999
                }
              }
            }
          },
          "areas": {
            "type": "array",
            "description": "Where it works: council areas, whole RICs (`ric:CODE`) or `national`.",
            "items": {
              "type": "string",
              "description": "A council area, `ric:CODE` or `national`."
            }
          },
          "online": {
            "type": "boolean",
            "description": "Participants can take part from anywhere."
          },
          "hours_per_participant": {
            "type": "number",
            "exclusiveMinimum": 0,
            "maximum": 10000
          },
          "priorities": {
            "type": "array",
            "description": "Priority codes it addresses.",
            "items": {
              "type": "string"
            }
          },
          "themes": {
            "type": "array",
            "items": {
              "type": "string",
              "maxLength": 200
            }
          },
          "barriers_addressed": {
            "type": "array",
            "description": "Barrier codes the design removes.",
            "items": {
              "type": "string"
            }
          },
          "accredited": {
            "type": "boolean"
          }
        }
      },
      "ProposalUploadReport": {
        "type": "object",
        "required": [
          "round",
          "stored",
          "ids"
        ],
        "properties": {
          "round": {
            "type": "string"
          },
          "stored": {
            "type": "integer"
          },
          "ids": {
            "type": "array",
            "items": {
              "type": "string"
            }
          }
        }
      },
      "RankedProposal": {
        "type": "object",
        "description": "A proposal ranked, with its recommendation and robustness.",
        "required": [
          "id",
          "applicant",
          "title",
          "requested",
          "rank",
          "score",
          "components",
          "value",
          "evidence"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "applicant": {
            "type": "string"
          },
          "title": {
            "type": "string"
          },
          "requested": {
            "type": "number"
          },
          "minimum": {
            "type": "number"
          },
          "rank": {
            "type": "integer",
            "description": "1 is best.",
            "minimum": 1
          },
          "score": {
            "type": "number",
            "description": "Sum of the criterion contributions."
          },
          "components": {
            "type": "object",
            "description": "Criterion -> its value, weight and contribution.",
            "propertyNames": {
              "enum": [
                "need_alignment",
                "priority_match",
                "barrier_mitigation",
                "equity_reach",
                "value_for_money",
                "panel_quality",
                "deliverability"
              ]
            },
            "additionalProperties": {
              "$ref": "#/components/schemas/ComponentScore"
            }
          },
          "value": {
            "type": "number",
            "description": "Need-weighted gap hours it fills when funded in full on its own, times the panel's quality factor: what it adds to the portfolio's objective."
          },
          "evidence": {
            "$ref": "#/components/schemas/ScoreEvidence"
          },
          "recommended": {
            "type": "boolean",
            "description": "In the recommended portfolio (when the round has a budget)."
          },
          "award": {
            "type": "number",
            "description": "Recommended award in pounds (0 when not recommended)."
          },
          "funded_probability": {
            "type": "number",
            "description": "Share of robustness samples (weights +-25%, reviewer noise) whose portfolio funds it.",
            "minimum": 0,
            "maximum": 1
          },
          "near_line": {
            "type": "boolean",
            "description": "Funded in some samples and not in others."
          },
          "funded_at_request": {
            "type": [
              "number",
              "null"
            ],
            "description": "Unfunded and near the line: the highest request at which the round would fund it; null when not even at 1% of it."
          },
          "funded_at_budget_levels": {
            "type": "array",
            "description": "Funded: the budget levels (fractions of the budget, 0.5-1.5) at which it stays funded.",
            "items": {
              "type": "number"
            }
          }
        }
      },
      "Ready": {
        "type": "object",
        "required": [
          "status"
        ],
        "properties": {
          "status": {
            "type": "string",
            "enum": [
              "ready",
              "store unavailable"
            ]
          }
        }
      },
      "Redelivery": {
        "type": "object",
        "required": [
          "requeued"
        ],
        "properties": {
          "requeued": {
            "type": "integer",
            "description": "Messages queued again."
          }
        }
      },
      "ResponseWithdrawal": {
        "type": "object",
        "required": [
          "survey",
          "response",
          "erased"
        ],
        "properties": {
          "survey": {
            "type": "string"
          },
          "response": {
            "type": "string"
          },
          "erased": {
            "type": "boolean",
            "description": "True when a stored response was erased."
          }
        }
      },
      "Review": {
        "type": "object",
        "description": "One reviewer's score of one proposal.",
        "required": [
          "proposal",
          "reviewer",
          "criterion",
          "score",
          "submitted_at"
        ],
        "properties": {
          "proposal": {
            "type": "string"
          },
          "reviewer": {
            "type": "string"
          },
          "criterion": {
            "type": "string",
            "description": "`overall` for a reviewer's single score."
          },
          "score": {
            "type": "number"
          },
          "comment": {
            "type": [
              "string",
              "null"
            ]
          },
          "submitted_at": {
            "type": "string",
            "format": "date-time"
          }
        }
      },
      "ReviewAssignedData": {
        "type": "object",
        "required": [
          "reviewer_id",
          "round_id",
          "applicant_id",
          "applicant_name",
          "due_by"
        ],
        "properties": {
          "reviewer_id": {
            "type": "string"
          },
          "round_id": {
            "type": "string"
          },
          "applicant_id": {
            "type": "string"
          },
          "applicant_name": {
            "type": "string"
          },
          "due_by": {
            "type": "string",
            "format": "date-time"
          }
        }
      },
      "ReviewAssignedEvent": {
        "type": "object",
        "required": [
          "type",
          "timestamp",
          "data"
        ],
        "properties": {
          "type": {
            "type": "string",
            "const": "review.assigned"
          },
          "timestamp": {
            "type": "string",
            "description": "When the event happened.",
            "format": "date-time"
          },
          "data": {
            "$ref": "#/components/schemas/ReviewAssignedData"
          }
        }
      },
      "ReviewReminderData": {
        "type": "object",
        "required": [
          "reviewer_id",
          "round_id",
          "proposals",
          "applicants",
          "due_by",
          "reason"
        ],
        "properties": {
          "reviewer_id": {
            "type": "string"
          },
          "round_id": {
            "type": "string"
          },
          "proposals": {
            "type": "array",
            "description": "Proposals the reviewer has not reviewed yet, sorted.",
            "items": {
              "type": "string"
            }
          },
          "applicants": {
            "type": "array",
            "description": "Their applicants.",
            "items": {
              "type": "string"
            }
          },
          "due_by": {
            "type": "string",
            "description": "The review deadline.",
            "format": "date-time"
          },
          "reason": {
            "type": "string",
            "description": "Why it is sent now, in words."
          }
        }
      },
      "ReviewReminderEvent": {
        "type": "object",
        "required": [
          "type",
          "timestamp",
          "data"
        ],
        "properties": {
          "type": {
            "type": "string",
            "const": "review.reminder"
          },
          "timestamp": {
            "type": "string",
            "description": "When the event happened.",
            "format": "date-time"
          },
          "data": {
            "$ref": "#/components/schemas/ReviewReminderData"
          }
        }
      },
      "ReviewUploadReport": {
        "type": "object",
        "required": [
          "round",
          "stored"
        ],
        "properties": {
          "round": {
            "type": "string"
          },
          "stored": {
            "type": "integer"
          }
        }
      },
      "Reviewer": {
        "type": "object",
        "description": "A member of the review panel.",
        "required": [
          "id",
          "name"
        ],
        "properties": {
          "id": {
            "type": "string",
            "minLength": 1,
            "maxLength": 200
          },
          "name": {
            "type": "string",
            "minLength": 1,
            "maxLength": 200
          },
          "email": {
            "type": [
              "string",
              "null"
            ],
            "maxLength": 200
          }
        }
      },
      "ReviewerScore": {
        "type": "object",
        "description": "A reviewer's own score of a proposal assigned to them.",
        "required": [
          "proposal",
          "score"
        ],
        "properties": {
          "proposal": {
            "type": "string"
          },
          "score": {
            "type": "number",
            "description": "On the round's scale (1 to 5 by default)."
          },
          "comment": {
            "type": "string",
            "maxLength": 10000
          },
          "criterion": {
            "type": "string",
            "description": "Default `overall`; otherwise a criterion the panel's reviews already use in the round (422 `$.criterion` for any other).",
            "maxLength": 200
          }
        }
      },
      "Round": {
        "type": "object",
        "description": "A funding round.",
        "required": [
          "id",
          "name",
          "state",
          "settings",
          "created_at",
          "updated_at"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "name": {
            "type": "string"
          },
          "state": {
            "$ref": "#/components/schemas/RoundState"
          },
          "settings": {
            "$ref": "#/components/schemas/RoundSettings"
          },
          "created_at": {
            "type": "string",
            "format": "date-time"
          },
          "updated_at": {
            "type": "string",
            "format": "date-time"
          }
        }
      },
      "RoundCompletedData": {
        "type": "object",
        "required": [
          "round_id",
          "applicants_ranked",
          "ranking",
          "budget",
          "currency",
          "awards",
          "total_awarded"
        ],
        "properties": {
          "round_id": {
            "type": "string"
          },
          "applicants_ranked": {
            "type": "integer"
          },
          "ranking": {
            "type": "array",
            "description": "The top of the ranking.",
            "items": {
              "type": "object",
              "required": [
                "rank",
                "applicant_id",
                "name",
                "score"
              ],
              "properties": {
                "rank": {
                  "type": "integer"
                },
                "applicant_id": {
                  "type": "string"
                },
                "name": {
                  "type": "string"
                },
                "score": {
                  "type": "number"
                }
              }
            }
          },
          "budget": {
            "type": "integer"
          },
          "currency": {
            "type": "string"
          },
          "awards": {
            "type": "array",
            "description": "Every recommended award.",
            "items": {
              "type": "object",
              "required": [
                "applicant_id",
                "amount"
              ],
              "properties": {
                "applicant_id": {
                  "type": "string"
                },
                "amount": {
                  "type": "integer"
                }
              }
            }
          },
          "total_awarded": {
            "type": "integer"
          }
        }
      },
      "RoundCompletedEvent": {
        "type": "object",
        "required": [
          "type",
          "timestamp",
          "data"
        ],
        "properties": {
          "type": {
            "type": "string",
            "const": "round.completed"
          },
          "timestamp": {
            "type": "string",
            "description": "When the event happened.",
            "format": "date-time"
          },
          "data": {
            "$ref": "#/components/schemas/RoundCompletedData"
          }
        }
      },
      "RoundConstraints": {
        "type": "object",
        "description": "The round's equity rules.",
        "properties": {
          "group_floors": {
            "type": "object",
            "description": "Learner group (a known code) -> minimum share of the budget (0-1).",
            "additionalProperties": {
              "type": "number",
              "minimum": 0,
              "maximum": 1
            }
          },
          "reach_every_ric": {
            "type": "boolean",
            "description": "At least one funded project reaches each Regional Improvement Collaborative."
          },
          "max_per_applicant": {
            "type": [
              "number",
              "null"
            ],
            "description": "Most any one applicant may be awarded, in pounds (above 0, at most 1e12).",
            "exclusiveMinimum": 0,
            "maximum": 1000000000000
          }
        }
      },
      "RoundCreate": {
        "type": "object",
        "required": [
          "id"
        ],
        "properties": {
          "id": {
            "type": "string",
            "description": "ASCII letters, digits, `-`, `_` or `.`, starting with a letter or digit (never `.` or `..`).",
            "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$"
          },
          "name": {
            "type": "string",
            "description": "For people; default the id.",
            "maxLength": 200
          },
          "budget": {
            "type": "number",
            "exclusiveMinimum": 0,
            "maximum": 1000000000000,
            "description": "Pounds, above 0 and at most 1e12."
          },
          "constraints": {
            "description": "The round's constraints, or `defaults` for those of Config/scoring.yaml; none when absent.",
            "oneOf": [
              {
                "$ref": "#/components/schemas/RoundConstraints"
              },
              {
                "type": "string",
                "const": "defaults"
              }
            ]
          },
          "weights": {
            "$ref": "#/components/schemas/Weights"
          },
          "surveys": {
            "type": "array",
            "items": {
              "type": "string",
              "maxLength": 200
            }
          },
          "supply_year": {
            "type": "string",
            "maxLength": 200
          },
          "review_deadline": {
            "type": "string",
            "format": "date-time"
          },
          "reviews_per_proposal": {
            "type": "integer",
            "minimum": 1,
            "maximum": 100
          },
          "require_all_reviews": {
            "type": "boolean",
            "default": false
          },
          "score_scale": {
            "type": "array",
            "description": "[lowest, highest], lowest below highest.",
            "items": {
              "type": "number",
              "minimum": -1000000,
              "maximum": 1000000
            },
            "minItems": 2,
            "maxItems": 2
          },
          "minimum_reviews": {
            "type": "integer",
            "minimum": 0,
            "maximum": 100
          },
          "schedule": {
            "type": "string",
            "description": "A five-field cron expression (or `@daily`...) on which the daemon re-runs the round; 422 when it cannot be read."
          },
          "schedule_time_zone": {
            "type": "string",
            "description": "IANA name, e.g. `Europe/London`; default UTC."
          }
        }
      },
      "RoundDecidedData": {
        "type": "object",
        "required": [
          "round_id",
          "decided_by",
          "decisions",
          "funded",
          "total_awarded"
        ],
        "properties": {
          "round_id": {
            "type": "string"
          },
          "run_id": {
            "type": "string",
            "description": "The run whose recommendation the decisions were measured against."
          },
          "decided_by": {
            "type": "string",
            "description": "The name of the token that recorded them."
          },
          "decisions": {
            "type": "array",
            "description": "The decisions recorded by this request.",
            "items": {
              "type": "object",
              "required": [
                "proposal_id",
                "decision",
                "departed"
              ],
              "properties": {
                "proposal_id": {
                  "type": "string"
                },
                "decision": {
                  "type": "string",
                  "enum": [
                    "fund",
                    "decline"
                  ]
                },
                "amount": {
                  "type": "number",
                  "description": "Pounds, when funded."
                },
                "departed": {
                  "type": "boolean",
                  "description": "It departs from the recommended portfolio; then `reason` is the panel's."
                },
                "reason": {
                  "type": "string"
                }
              }
            }
          },
          "funded": {
            "type": "integer",
            "description": "Proposals funded in the round so far."
          },
          "total_awarded": {
            "type": "number",
            "description": "Money awarded in the round so far."
          }
        }
      },
      "RoundDecidedEvent": {
        "type": "object",
        "required": [
          "type",
          "timestamp",
          "data"
        ],
        "properties": {
          "type": {
            "type": "string",
            "const": "round.decided"
          },
          "timestamp": {
            "type": "string",
            "description": "When the event happened.",
            "format": "date-time"
          },
          "data": {
            "$ref": "#/components/schemas/RoundDecidedData"
          }
        }
      },
      "RoundFailedData": {
        "type": "object",
        "required": [
          "round_id",
          "stage",
          "reason"
        ],
        "properties": {
          "round_id": {
            "type": "string"
          },
          "stage": {
            "type": "string",
            "description": "Step that failed, e.g. `portfolio`."
          },
          "reason": {
            "type": "string"
          }
        }
      },
      "RoundFailedEvent": {
        "type": "object",
        "required": [
          "type",
          "timestamp",
          "data"
        ],
        "properties": {
          "type": {
            "type": "string",
            "const": "round.failed"
          },
          "timestamp": {
            "type": "string",
            "description": "When the event happened.",
            "format": "date-time"
          },
          "data": {
            "$ref": "#/components/schemas/RoundFailedData"
          }
        }
      },
      "RoundResult": {
        "type": "object",
        "description": "A round's output: the ranking, the recommended portfolio and its robustness (the same document as `allot round run --json`).",
        "required": [
          "round",
          "weights",
          "constraint_settings",
          "proposals",
          "calibration",
          "practitioners_from",
          "notes"
        ],
        "properties": {
          "round": {
            "type": "string"
          },
          "budget": {
            "type": [
              "number",
              "null"
            ]
          },
          "weights": {
            "type": "object",
            "description": "Criterion -> weight used.",
            "propertyNames": {
              "enum": [
                "need_alignment",
                "priority_match",
                "barrier_mitigation",
                "equity_reach",
                "value_for_money",
                "panel_quality",
                "deliverability"
              ]
            },
            "additionalProperties": {
              "type": "number"
            }
          },
          "constraint_settings": {
            "$ref": "#/components/schemas/RoundConstraints"
          },
          "proposals": {
            "type": "array",
            "description": "Every proposal, best first.",
            "items": {
              "$ref": "#/components/schemas/RankedProposal"
            }
          },
          "allocated": {
            "type": "number",
            "description": "Pounds allocated by the recommended portfolio (present when the round has a budget)."
          },
          "objective": {
            "type": "number",
            "description": "Total value of the portfolio."
          },
          "constraints": {
            "type": "array",
            "description": "Each constraint as the portfolio meets it.",
            "items": {
              "type": "object",
              "required": [
                "name",
                "required",
                "achieved",
                "binding"
              ],
              "properties": {
                "name": {
                  "type": "string"
                },
                "required": {
                  "type": "number"
                },
                "achieved": {
                  "type": "number"
                },
                "binding": {
                  "type": "boolean",
                  "description": "The constraint limits the portfolio."
                }
              }
            }
          },
          "by_group": {
            "type": "array",
            "description": "Money by learner group against the floors.",
            "items": {
              "$ref": "#/components/schemas/MoneyLine"
            }
          },
          "by_ric": {
            "type": "array",
            "description": "Money by RIC.",
            "items": {
              "$ref": "#/components/schemas/MoneyLine"
            }
          },
          "solver": {
            "type": "string",
            "description": "The solver and its statistics (proven optimum, or the gap at a time limit)."
          },
          "robustness": {
            "type": "object",
            "description": "How the robustness analysis ran.",
            "required": [
              "samples",
              "seed",
              "weight_spread",
              "reviewer_noise",
              "near_line",
              "samples_proven_optimal",
              "max_sample_gap",
              "mean_sample_gap",
              "infeasible_budget_levels"
            ],
            "properties": {
              "samples": {
                "type": "integer"
              },
              "seed": {
                "type": "integer"
              },
              "weight_spread": {
                "type": "number"
              },
              "reviewer_noise": {
                "type": "number"
              },
              "near_line": {
                "type": "array",
                "description": "Funded-probability band counted as near the line.",
                "items": {
                  "type": "number"
                }
              },
              "samples_proven_optimal": {
                "type": "integer"
              },
              "max_sample_gap": {
                "type": "number"
              },
              "mean_sample_gap": {
                "type": "number"
              },
              "infeasible_budget_levels": {
                "type": "array",
                "items": {
                  "type": "number"
                }
              }
            }
          },
          "calibration": {
            "type": "object",
            "description": "How reviewer scores were calibrated.",
            "required": [
              "method",
              "reason",
              "reviewers",
              "dropped",
              "under_reviewed"
            ],
            "properties": {
              "method": {
                "type": "string"
              },
              "reason": {
                "type": "string"
              },
              "reviewers": {
                "type": "object",
                "description": "Reviewer -> estimated leniency.",
                "additionalProperties": {
                  "type": "number"
                }
              },
              "dropped": {
                "type": "array",
                "items": {
                  "type": "string"
                }
              },
              "under_reviewed": {
                "type": "array",
                "items": {
                  "type": "string"
                }
              }
            }
          },
          "practitioners_from": {
            "type": "string",
            "description": "`workforce` or `survey respondents`."
          },
          "notes": {
            "type": "array",
            "items": {
              "type": "string"
            }
          }
        }
      },
      "RoundSettings": {
        "type": "object",
        "description": "A round's budget, evidence, weights, equity constraints and review settings.",
        "required": [
          "use_default_constraints",
          "weights",
          "surveys",
          "require_all_reviews"
        ],
        "properties": {
          "budget": {
            "type": "number",
            "description": "Pounds; absent: rank only, no portfolio. Pounds, above 0 and at most 1e12.",
            "exclusiveMinimum": 0,
            "maximum": 1000000000000
          },
          "constraints": {
            "$ref": "#/components/schemas/RoundConstraints"
          },
          "use_default_constraints": {
            "type": "boolean",
            "description": "The constraints of Config/scoring.yaml apply (asked for with `\"constraints\": \"defaults\"`)."
          },
          "weights": {
            "$ref": "#/components/schemas/Weights"
          },
          "surveys": {
            "type": "array",
            "description": "Survey ids whose need evidence it draws on.",
            "items": {
              "type": "string",
              "maxLength": 200
            }
          },
          "supply_year": {
            "type": "string",
            "description": "Academic year of the supply returns it uses.",
            "maxLength": 200
          },
          "review_deadline": {
            "type": "string",
            "format": "date-time"
          },
          "reviews_per_proposal": {
            "type": "integer",
            "minimum": 1,
            "maximum": 100
          },
          "require_all_reviews": {
            "type": "boolean",
            "description": "Runs wait until every assigned review is in."
          },
          "score_scale": {
            "type": "array",
            "description": "Review scale [lowest, highest]; default [1, 5].",
            "items": {
              "type": "number",
              "minimum": -1000000,
              "maximum": 1000000
            },
            "minItems": 2,
            "maxItems": 2
          },
          "minimum_reviews": {
            "type": "integer",
            "description": "Reviews a proposal needs before its panel score counts.",
            "minimum": 0,
            "maximum": 100
          },
          "schedule": {
            "type": "string",
            "description": "A five-field cron expression (or `@daily`...) on which the daemon re-runs the round."
          },
          "schedule_time_zone": {
            "type": "string",
            "description": "The IANA time zone of `schedule`, e.g. `Europe/London`; default UTC."
          }
        }
      },
      "RoundState": {
        "type": "string",
        "description": "open -> reviewing -> scored -> decided -> closed.",
        "enum": [
          "open",
          "reviewing",
          "scored",
          "decided",
          "closed"
        ]
      },
      "RoundStateChange": {
        "type": "object",
        "required": [
          "state"
        ],
        "properties": {
          "state": {
            "$ref": "#/components/schemas/RoundState"
          }
        }
      },
      "Run": {
        "type": "object",
        "description": "One run of a round, with what it was computed from.",
        "required": [
          "id",
          "round",
          "trigger",
          "status",
          "started_at",
          "inputs",
          "config",
          "code_version",
          "attempt"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "round": {
            "type": "string"
          },
          "trigger": {
            "type": "string",
            "description": "What started it: `manual` (through the API), `schedule` (the round's cron schedule) or `survey-closed:<survey id>`.",
            "pattern": "^(manual|schedule|survey-closed:.+)$"
          },
          "status": {
            "type": "string",
            "enum": [
              "running",
              "succeeded",
              "failed"
            ]
          },
          "started_at": {
            "type": "string",
            "format": "date-time"
          },
          "finished_at": {
            "type": [
              "string",
              "null"
            ],
            "format": "date-time"
          },
          "inputs": {
            "type": "object",
            "description": "Input -> SHA-256 of what the run read: `survey.<id>`, `supply.participation`, `supply.activity`, `supply.workforce`, `proposals`, `reviews`, `conflicts`, `config`.",
            "additionalProperties": {
              "type": "string"
            }
          },
          "config": {
            "type": "string",
            "description": "The settings and weights the run used, as JSON text."
          },
          "code_version": {
            "type": "string",
            "description": "Version of the code that ran."
          },
          "error": {
            "type": [
              "string",
              "null"
            ],
            "description": "Why it failed."
          },
          "attempt": {
            "type": "integer",
            "minimum": 1,
            "description": "1 for a first run; 2 for the one retry of a run whose process died (if that dies too it is recorded failed, \"interrupted twice\", and not owed again)."
          }
        }
      },
      "ScoreEvidence": {
        "type": "object",
        "required": [
          "cells",
          "other_cells",
          "projected_hours",
          "filled_weighted_hours",
          "track_record",
          "flags"
        ],
        "properties": {
          "cells": {
            "type": "array",
            "description": "The cells with the most projected hours (at most 8).",
            "items": {
              "$ref": "#/components/schemas/CellEvidence"
            }
          },
          "other_cells": {
            "type": "integer",
            "description": "How many more cells it reaches."
          },
          "projected_hours": {
            "type": "number"
          },
          "filled_weighted_hours": {
            "type": "number"
          },
          "track_record": {
            "type": "string",
            "description": "The supply returns matched to the applicant, if any."
          },
          "panel": {
            "$ref": "#/components/schemas/PanelResult"
          },
          "flags": {
            "type": "array",
            "description": "Warnings, e.g. `fills no gap`.",
            "items": {
              "type": "string"
            }
          }
        }
      },
      "ShareFigure": {
        "type": "object",
        "required": [
          "count",
          "share",
          "low",
          "high"
        ],
        "properties": {
          "count": {
            "type": "integer",
            "description": "Responses that chose it.",
            "minimum": 0
          },
          "share": {
            "type": "number",
            "description": "count / responses, 0-1, 4 decimals.",
            "minimum": 0,
            "maximum": 1
          },
          "low": {
            "type": "number",
            "description": "Wilson 95% interval, low end.",
            "minimum": 0,
            "maximum": 1
          },
          "high": {
            "type": "number",
            "description": "Wilson 95% interval, high end.",
            "minimum": 0,
            "maximum": 1
          }
        }
      },
      "StoredProposal": {
        "type": "object",
        "description": "A stored proposal: its summary and the whole record.",
        "required": [
          "id",
          "applicant",
          "title",
          "requested",
          "proposal"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "applicant": {
            "type": "string"
          },
          "title": {
            "type": "string"
          },
          "requested": {
            "type": "number"
          },
          "proposal": {
            "$ref": "#/components/schemas/Proposal"
          }
        }
      },
      "SupplyUpload": {
        "type": "object",
        "description": "A stored supply or workforce file.",
        "required": [
          "id",
          "kind",
          "file_name",
          "sha256",
          "rows",
          "uploaded_at"
        ],
        "properties": {
          "id": {
            "type": "integer"
          },
          "kind": {
            "type": "string",
            "enum": [
              "participation",
              "activity",
              "workforce"
            ]
          },
          "file_name": {
            "type": "string"
          },
          "sha256": {
            "type": "string"
          },
          "rows": {
            "type": "integer",
            "description": "Rows read.",
            "minimum": 0
          },
          "uploaded_at": {
            "type": "string",
            "format": "date-time"
          }
        }
      },
      "Survey": {
        "type": "object",
        "description": "A survey and its counts.",
        "required": [
          "id",
          "state",
          "responses",
          "refusals"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "title": {
            "type": [
              "string",
              "null"
            ]
          },
          "kind": {
            "type": [
              "string",
              "null"
            ],
            "description": "practitioner, technician or cld (once responses are stored)."
          },
          "year": {
            "type": [
              "string",
              "null"
            ],
            "description": "Academic year, e.g. `2022-23`."
          },
          "opens_at": {
            "type": [
              "string",
              "null"
            ],
            "description": "When it starts accepting responses.",
            "format": "date-time"
          },
          "closes_at": {
            "type": [
              "string",
              "null"
            ],
            "description": "When it stops accepting responses and triggers runs.",
            "format": "date-time"
          },
          "closed_at": {
            "type": [
              "string",
              "null"
            ],
            "description": "When it was closed.",
            "format": "date-time"
          },
          "state": {
            "type": "string",
            "description": "`scheduled` before `opens_at`.",
            "enum": [
              "scheduled",
              "open",
              "closed"
            ]
          },
          "responses": {
            "type": "integer",
            "description": "Consented responses stored.",
            "minimum": 0
          },
          "refusals": {
            "type": "integer",
            "description": "Responses without consent (only their id is kept).",
            "minimum": 0
          }
        }
      },
      "SurveyClosedData": {
        "type": "object",
        "required": [
          "survey_id",
          "closed_at",
          "responses"
        ],
        "properties": {
          "survey_id": {
            "type": "string"
          },
          "closed_at": {
            "type": "string",
            "format": "date-time"
          },
          "responses": {
            "type": "integer"
          }
        }
      },
      "SurveyClosedEvent": {
        "type": "object",
        "required": [
          "type",
          "timestamp",
          "data"
        ],
        "properties": {
          "type": {
            "type": "string",
            "const": "survey.closed"
          },
          "timestamp": {
            "type": "string",
            "description": "When the event happened.",
            "format": "date-time"
          },
          "data": {
            "$ref": "#/components/schemas/SurveyClosedData"
          }
        }
      },
      "SurveyCreate": {
        "type": "object",
        "required": [
          "id"
        ],
        "properties": {
          "id": {
            "type": "string",
            "description": "e.g. `practitioner-2026-27`.",
            "minLength": 1,
            "maxLength": 100
          },
          "title": {
            "type": "string",
            "maxLength": 500
          },
          "year": {
            "type": "string",
            "description": "Academic year, e.g. `2026-27`.",
            "maxLength": 200
          },
          "opens_at": {
            "type": "string",
            "description": "ISO 8601; default: open now.",
            "format": "date-time"
          },
          "closes_at": {
            "type": "string",
            "description": "ISO 8601, not before `opens_at`; default: open until closed with `POST /v1/surveys/{survey}/close`.",
            "format": "date-time"
          }
        }
      },
      "SurveyImportReport": {
        "type": "object",
        "description": "What an upload of survey responses stored.",
        "required": [
          "survey",
          "inserted",
          "unchanged",
          "refusals",
          "mapping",
          "sha256"
        ],
        "properties": {
          "survey": {
            "type": "string"
          },
          "inserted": {
            "type": "integer",
            "description": "Consented responses newly stored.",
            "minimum": 0
          },
          "unchanged": {
            "type": "integer",
            "description": "Rows already stored with the same answers.",
            "minimum": 0
          },
          "refusals": {
            "type": "integer",
            "description": "Rows without consent (only their id is kept).",
            "minimum": 0
          },
          "mapping": {
            "type": "string",
            "description": "The mapping of Config/mappings used, recognised from the headers."
          },
          "sha256": {
            "type": "string",
            "description": "SHA-256 of the uploaded file, kept in the audit trail."
          }
        }
      },
      "SurveySummary": {
        "type": "object",
        "required": [
          "survey",
          "responses",
          "excluded_no_consent",
          "sectors",
          "all"
        ],
        "properties": {
          "survey": {
            "type": "string"
          },
          "responses": {
            "type": "integer"
          },
          "excluded_no_consent": {
            "type": "integer"
          },
          "sectors": {
            "type": "object",
            "description": "Sector code -> tables; sectors without responses are left out.",
            "additionalProperties": {
              "$ref": "#/components/schemas/TallySummary"
            }
          },
          "all": {
            "$ref": "#/components/schemas/TallySummary"
          }
        }
      },
      "TallySummary": {
        "type": "object",
        "description": "The report tables for one sector or overall.",
        "required": [
          "responses",
          "total_hours",
          "zero_hours",
          "hours_answered",
          "barriers",
          "priorities",
          "pl_types",
          "providers",
          "ease_of_access",
          "choice_sufficient",
          "confidence",
          "hours_vs_last_year"
        ],
        "properties": {
          "responses": {
            "type": "integer",
            "minimum": 0
          },
          "total_hours": {
            "type": "number",
            "minimum": 0
          },
          "mean_hours": {
            "type": [
              "number",
              "null"
            ],
            "description": "Total hours over the responses that answered the hours question."
          },
          "zero_hours": {
            "type": "integer",
            "minimum": 0
          },
          "hours_answered": {
            "type": "integer",
            "minimum": 0
          },
          "barriers": {
            "type": "object",
            "additionalProperties": {
              "$ref": "#/components/schemas/ShareFigure"
            },
            "description": "Barrier code -> share; codes nobody chose are left out."
          },
          "priorities": {
            "type": "object",
            "additionalProperties": {
              "$ref": "#/components/schemas/ShareFigure"
            }
          },
          "pl_types": {
            "type": "object",
            "additionalProperties": {
              "$ref": "#/components/schemas/ShareFigure"
            }
          },
          "providers": {
            "type": "object",
            "additionalProperties": {
              "$ref": "#/components/schemas/ShareFigure"
            }
          },
          "ease_of_access": {
            "type": "object",
            "additionalProperties": {
              "type": "integer",
              "minimum": 0
            }
          },
          "choice_sufficient": {
            "type": "object",
            "additionalProperties": {
              "type": "integer",
              "minimum": 0
            }
          },
          "confidence": {
            "type": "object",
            "additionalProperties": {
              "type": "integer",
              "minimum": 0
            }
          },
          "hours_vs_last_year": {
            "type": "object",
            "additionalProperties": {
              "type": "integer",
              "minimum": 0
            }
          }
        }
      },
      "TokenCreate": {
        "type": "object",
        "required": [
          "role",
          "name"
        ],
        "properties": {
          "role": {
            "type": "string",
            "enum": [
              "admin",
              "analyst",
              "reviewer"
            ]
          },
          "name": {
            "type": "string",
            "minLength": 1,
            "maxLength": 200
          },
          "reviewer": {
            "type": "string",
            "description": "The id of a registered reviewer it acts as: required for the reviewer role, refused for the others.",
            "minLength": 1
          }
        },
        "if": {
          "properties": {
            "role": {
              "const": "reviewer"
            }
          }
        },
        "then": {
          "required": [
            "reviewer"
          ]
        },
        "else": {
          "not": {
            "required": [
              "reviewer"
            ]
          }
        }
      },
      "TokenCreated": {
        "type": "object",
        "description": "A new API token.",
        "required": [
          "id",
          "name",
          "role",
          "token"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "name": {
            "type": "string"
          },
          "role": {
            "type": "string",
            "enum": [
              "admin",
              "analyst",
              "reviewer"
            ]
          },
          "reviewer": {
            "type": [
              "string",
              "null"
            ]
          },
          "token": {
            "type": "string",
            "description": "The bearer token, shown this once."
          }
        }
      },
      "WebhookEndpoint": {
        "type": "object",
        "description": "A receiver of webhooks.",
        "required": [
          "id",
          "url",
          "event_types",
          "enabled",
          "format",
          "source"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "url": {
            "type": "string",
            "description": "The endpoint's URL; a password in it is shown as `***`."
          },
          "event_types": {
            "type": "array",
            "description": "Event types it receives; `*` means all.",
            "items": {
              "type": "string"
            }
          },
          "enabled": {
            "type": "boolean"
          },
          "disabled_reason": {
            "type": [
              "string",
              "null"
            ]
          },
          "reviewer_id": {
            "type": [
              "string",
              "null"
            ],
            "description": "Receives only this reviewer's notifications."
          },
          "format": {
            "type": "string",
            "description": "`json`: the signed envelope; `chat`: `{\"text\": ...}` for chat tools.",
            "enum": [
              "json",
              "chat"
            ]
          },
          "source": {
            "type": "string",
            "enum": [
              "config",
              "store"
            ]
          },
          "secret": {
            "type": "string",
            "description": "Only in the answer to its creation, when the secret was generated."
          }
        }
      },
      "WebhookEndpointCreate": {
        "type": "object",
        "required": [
          "id",
          "url"
        ],
        "properties": {
          "id": {
            "type": "string",
            "minLength": 1,
            "maxLength": 200
          },
          "url": {
            "type": "string",
            "description": "An absolute http or https URL without control characters (CR, LF...) or spaces. A password in it is used to deliver but shown as `***`.",
            "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://[^\\u0000-\\u0020\\u007f]*$",
            "maxLength": 2048
          },
          "secret": {
            "type": "string",
            "description": "`whsec_` and base64; default: one generated.",
            "pattern": "^whsec_"
          },
          "event_types": {
            "type": "array",
            "description": "Default `[\"*\"]`: all.",
            "items": {
              "type": "string"
            }
          },
          "reviewer_id": {
            "type": "string",
            "maxLength": 200
          },
          "format": {
            "type": "string",
            "enum": [
              "json",
              "chat"
            ],
            "default": "json"
          },
          "concurrency": {
            "type": "integer",
            "minimum": 1,
            "default": 4,
            "maximum": 64
          },
          "rate_limit_per_second": {
            "type": "number",
            "exclusiveMinimum": 0,
            "maximum": 10000
          }
        }
      },
      "WebhookEventType": {
        "type": "string",
        "enum": [
          "round.completed",
          "round.failed",
          "round.decided",
          "review.assigned",
          "review.reminder",
          "survey.closed",
          "delivery.exhausted"
        ]
      },
      "Weights": {
        "type": "object",
        "description": "Criterion -> weight; criteria not named keep the default of Config/scoring.yaml.",
        "propertyNames": {
          "enum": [
            "need_alignment",
            "priority_match",
            "barrier_mitigation",
            "equity_reach",
            "value_for_money",
            "panel_quality",
            "deliverability"
          ]
        },
        "additionalProperties": {
          "type": "number",
          "minimum": 0
        }
      }
    },
    "responses": {
      "BadRequest": {
        "description": "The request is malformed: unreadable JSON or CSV, a wrong content type, or a bad query parameter.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "Conflict": {
        "description": "The request conflicts with the current state: a run already in progress, a closed round or survey, an id already taken, or a state change out of order.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "Forbidden": {
        "description": "The token's role may not do this.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "NotFound": {
        "description": "No such resource (or, for a reviewer, one they may not see).",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "PayloadTooLarge": {
        "description": "The upload is larger than the configured limit.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "Unauthorized": {
        "description": "No bearer token, or one that is unknown or revoked.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        },
        "headers": {
          "WWW-Authenticate": {
            "schema": {
              "type": "string"
            }
          }
        }
      },
      "UnprocessableEntity": {
        "description": "The request is well formed but its content is invalid: the error names the field, or the line and column of the file.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      }
    },
    "parameters": {
      "delivery": {
        "name": "delivery",
        "in": "path",
        "required": true,
        "description": "Delivery id (`id` in the delivery log).",
        "schema": {
          "type": "string"
        }
      },
      "deliveryEndpoint": {
        "name": "endpoint",
        "in": "query",
        "required": false,
        "description": "Only deliveries to this endpoint.",
        "schema": {
          "type": "string"
        }
      },
      "deliveryEvent": {
        "name": "event",
        "in": "query",
        "required": false,
        "description": "Only deliveries of this message (`webhook-id`).",
        "schema": {
          "type": "string"
        }
      },
      "deliveryState": {
        "name": "state",
        "in": "query",
        "required": false,
        "description": "Only deliveries in this state.",
        "schema": {
          "$ref": "#/components/schemas/DeliveryState"
        }
      },
      "endpoint": {
        "name": "endpoint",
        "in": "path",
        "required": true,
        "description": "Webhook endpoint id, e.g. `ops-chat`.",
        "schema": {
          "type": "string"
        }
      },
      "fileName": {
        "name": "file_name",
        "in": "query",
        "required": false,
        "description": "The file's name, kept in the audit trail (default: the contract's file name).",
        "schema": {
          "type": "string"
        }
      },
      "level": {
        "name": "level",
        "in": "query",
        "required": false,
        "description": "Only rows of this level; `all` for every row.",
        "schema": {
          "type": "string",
          "enum": [
            "national",
            "group",
            "ric",
            "council",
            "urban_rural",
            "simd_quintile",
            "all"
          ],
          "default": "council"
        }
      },
      "limit": {
        "name": "limit",
        "in": "query",
        "required": false,
        "description": "At most this many, newest first.",
        "schema": {
          "type": "integer",
          "minimum": 1,
          "maximum": 1000,
          "default": 100
        }
      },
      "proposal": {
        "name": "proposal",
        "in": "path",
        "required": true,
        "description": "Proposal id, e.g. `R5-017`.",
        "schema": {
          "type": "string"
        }
      },
      "response": {
        "name": "response",
        "in": "path",
        "required": true,
        "description": "The respondent's `response_id` within the survey.",
        "schema": {
          "type": "string"
        }
      },
      "round": {
        "name": "round",
        "in": "path",
        "required": true,
        "description": "Round id, e.g. `stem-2024-r5`.",
        "schema": {
          "type": "string"
        }
      },
      "run": {
        "name": "run",
        "in": "path",
        "required": true,
        "description": "Run id.",
        "schema": {
          "type": "string"
        }
      },
      "supplyYear": {
        "name": "supply_year",
        "in": "query",
        "required": false,
        "description": "Academic year of the supply returns, e.g. `2022-23`; by default every year in the latest upload.",
        "schema": {
          "type": "string"
        }
      },
      "survey": {
        "name": "survey",
        "in": "path",
        "required": true,
        "description": "Survey id, e.g. `practitioner-2022-23`.",
        "schema": {
          "type": "string"
        }
      },
      "surveyQuery": {
        "name": "survey",
        "in": "query",
        "required": true,
        "description": "Survey ids the need model is built from; repeat it for several (`?survey=practitioner-2022-23&survey=technician-2022-23`). At least one is required.",
        "schema": {
          "type": "array",
          "minItems": 1,
          "items": {
            "type": "string"
          }
        },
        "style": "form",
        "explode": true
      }
    },
    "securitySchemes": {
      "bearerAuth": {
        "type": "http",
        "scheme": "bearer",
        "description": "An API token from `POST /v1/tokens` or `allot token create --role ROLE --name NAME`. Roles: admin, analyst, reviewer."
      }
    }
  }
}

"""#
}
